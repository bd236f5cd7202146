package main

import (
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/handout"
)

// handoutFlags are the rendering flags plan and batch share.
type handoutFlags struct {
	paper, logo string
	noFigures   bool
}

func addHandoutFlags(cmd *cobra.Command) *handoutFlags {
	h := &handoutFlags{}
	fl := cmd.Flags()
	fl.BoolVar(&h.noFigures, "no-figures", false, "md: leave out the exercise figures")
	fl.StringVar(&h.paper, "paper", "", "pdf: paper size, a4 or letter (default a4, or paper: in the config file)")
	fl.StringVar(&h.logo, "logo", "", "pdf: clinic logo `PNG` for the first page (or logo: in the config file)")
	_ = cmd.MarkFlagFilename("logo", "png")
	return h
}

// options resolves the flags, the config file's paper and logo, and
// the date (SOURCE_DATE_EPOCH, else now) into handout options.
func (h *handoutFlags) options(f *factory, pf *profileFlags, cat *catalog.Catalog) (handout.Options, error) {
	settings := pf.settings()
	paper, logo := h.paper, h.logo
	if paper == "" {
		paper = settings.GetString("paper")
	}
	if logo == "" {
		logo = settings.GetString("logo")
	}
	if paper != "" && !slices.Contains(handout.Papers, strings.ToLower(paper)) {
		return handout.Options{}, usagef("paper %q is not one of %s", paper, strings.Join(handout.Papers, ", "))
	}
	date, err := handout.DateFromEnv(f.IO.Getenv, time.Now())
	if err != nil {
		return handout.Options{}, withCode(ExitUsage, err)
	}
	return handout.Options{
		Figures: !h.noFigures,
		Paper:   paper,
		Logo:    logo,
		Date:    date,
		Safety:  &cat.Safety,
	}, nil
}

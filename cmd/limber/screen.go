package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/planner"
	"github.com/limberhq/limber/profiles"
)

// ScreenOptions are the resolved flags of `limber screen`.
type ScreenOptions struct {
	IO      *IOStreams
	Profile profiles.Profile
	Safety  catalog.Safety
	// Ask: ask on the terminal each question not already answered yes.
	Ask bool
	// List: print the questions and their names instead of screening.
	List bool
}

func newScreenCmd(f *factory) *cobra.Command {
	opts := &ScreenOptions{IO: f.IO}
	var noPrompt bool
	var pf *profileFlags
	cmd := &cobra.Command{
		Use:   "screen",
		Short: "Ask the safety questions and say whether exercise is safe to start",
		Long: `Ask the safety questions (red flags) that mean a doctor should see you
before you exercise, and print the verdict.

On a terminal each question is asked in turn, except those already
answered yes by --red-flag or red_flags in a profile. Otherwise (or with
--no-prompt) the answers come from those alone: every question not
named counts as answered no.

'limber plan' and 'limber batch' run the same screen: an emergency-level
answer means no routine, a warning-level one a gentle routine with
advice to see a clinician.

--list prints every question with the name --red-flag and red_flags use.

Exit status 0 when exercise may start (with or without a warning), 3 when
an answer means seeing a doctor first, 2 for bad input.`,
		Example: `  limber screen
  limber screen --list
  limber screen --red-flag leg-numbness
  limber screen --profile anna.yaml --no-prompt`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.List {
				cat, err := f.Catalog()
				if err != nil {
					return err
				}
				opts.Safety = cat.Safety
				return runScreen(opts)
			}
			p, _, err := pf.resolve(f, cmd)
			if err != nil {
				return err
			}
			cat, err := f.Catalog()
			if err != nil {
				return err
			}
			opts.Profile = p
			opts.Safety = cat.Safety
			opts.Ask = f.IO.InTTY && !noPrompt
			return runScreen(opts)
		},
	}
	pf = addProfileFlags(cmd)
	cmd.Flags().BoolVar(&noPrompt, "no-prompt", false, "do not ask: take the answers from --red-flag and the profile only")
	cmd.Flags().BoolVar(&opts.List, "list", false, "list the questions and their names, and ask nothing")
	_ = cmd.RegisterFlagCompletionFunc("red-flag", func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		cat, err := f.Catalog()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var ids []string
		for _, rf := range cat.Safety.RedFlags {
			ids = append(ids, rf.ID+"\t"+rf.Question)
		}
		return ids, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func runScreen(opts *ScreenOptions) error {
	if opts.List {
		return listRedFlags(opts.IO.Out, opts.Safety)
	}
	p := opts.Profile
	if opts.Ask {
		answers, err := askRedFlags(opts.IO, opts.Safety, p.RedFlags)
		if err != nil {
			return err
		}
		p.RedFlags = answers
	}
	v := planner.Screen(opts.Safety, p)
	if err := printVerdict(opts.IO.Out, v, opts.Safety); err != nil {
		return err
	}
	if v.Emergency() {
		return silentExit(ExitSafety)
	}
	if opts.Ask && len(v.Flags) > 0 {
		var flags []string
		for _, rf := range v.Flags {
			flags = append(flags, "--red-flag "+rf.ID)
		}
		fmt.Fprintf(opts.IO.Out, "\nTo plan with these answers: limber plan %s\n", strings.Join(flags, " "))
	}
	return nil
}

// listRedFlags prints each safety question under its name and level.
func listRedFlags(w io.Writer, s catalog.Safety) error {
	var b strings.Builder
	for i, rf := range s.RedFlags {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s (%s)\n", rf.ID, rf.Level)
		for _, line := range wrapWords(rf.Question, 72) {
			b.WriteString("    " + line + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// askRedFlags asks each safety question not already answered yes and
// returns every yes. Questions go to standard error, so that standard
// output holds only the verdict.
func askRedFlags(s *IOStreams, safety catalog.Safety, yes []string) ([]string, error) {
	answers := append([]string(nil), yes...)
	in := bufio.NewReader(s.In)
	fmt.Fprintln(s.Err, "Answer each question with y (yes) or n (no).")
	for _, rf := range safety.RedFlags {
		if slices.Contains(answers, rf.ID) {
			fmt.Fprintf(s.Err, "\n%s\n  yes (already given)\n", rf.Question)
			continue
		}
		fmt.Fprintf(s.Err, "\n%s\n", rf.Question)
		for {
			fmt.Fprint(s.Err, "[y/n] ")
			line, err := in.ReadString('\n')
			switch strings.ToLower(strings.TrimSpace(line)) {
			case "y", "yes":
				answers = append(answers, rf.ID)
			case "n", "no":
			default:
				if err != nil {
					fmt.Fprintln(s.Err)
					return nil, withCode(ExitUsage, errors.New("screen: stopped before every question was answered"),
						"answer with --red-flag NAME and --no-prompt to screen without questions")
				}
				fmt.Fprintln(s.Err, "Please answer y or n.")
				continue
			}
			break
		}
	}
	fmt.Fprintln(s.Err)
	return answers, nil
}

// printVerdict prints the outcome of the safety screen: for red flags,
// the catalog's headline, then each question answered yes with what it
// means. It is what `limber plan` and `limber batch` print when they
// refuse to plan. When an emergency-level answer refuses the routine,
// warning-level answers are only listed, as their advice is about
// exercising gently.
func printVerdict(w io.Writer, v planner.Verdict, s catalog.Safety) error {
	var b strings.Builder
	para := func(text, indent string) {
		for _, line := range wrapWords(text, 76-len(indent)) {
			b.WriteString(indent + line + "\n")
		}
	}
	question := func(rf catalog.RedFlag) string {
		if rf.Question == "" {
			return fmt.Sprintf("%q (an answer this catalog has no question for)", rf.ID)
		}
		return rf.Question
	}
	if v.Level == planner.ScreenClear {
		para("Safety screen: clear. None of the answers is a reason to see a doctor before exercising.", "")
		_, err := io.WriteString(w, b.String())
		return err
	}
	var main, also []catalog.RedFlag
	for _, rf := range v.Flags {
		if v.Emergency() && rf.Level == catalog.Warning {
			also = append(also, rf)
		} else {
			main = append(main, rf)
		}
	}
	para(v.Headline(s), "")
	b.WriteString("\n")
	if len(main) == 1 {
		b.WriteString("You answered yes to this question:\n")
	} else {
		b.WriteString("You answered yes to these questions:\n")
	}
	for _, rf := range main {
		b.WriteString("\n")
		para(question(rf), "  ")
		if rf.Message != "" {
			para(rf.Message, "    ")
		}
	}
	if len(also) > 0 {
		b.WriteString("\nTell the doctor that you also answered yes to:\n")
		for _, rf := range also {
			para(question(rf), "  ")
		}
	}
	if v.Emergency() {
		if len(main) == 1 {
			b.WriteString("\nlimber gives no exercise routine with this answer.\n")
		} else {
			b.WriteString("\nlimber gives no exercise routine with these answers.\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

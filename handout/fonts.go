package handout

import _ "embed"

//go:generate go run ./internal/fontcut -src /usr/share/fonts/truetype/dejavu -out fonts

// DejaVu Sans prints Latin, Greek and Cyrillic names as written ("Zoë
// Łukasiewicz", "José Núñez"). The embedded files are subsets of
// Debian's fonts-dejavu-core made by internal/fontcut (see there for
// why and which characters); the fonts' licence is in fonts/LICENSE.
var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
)

// Command limber plans lower-back stretching and strengthening routines
// and prints them as patient handouts.
package main

import "os"

func main() {
	os.Exit(int(run(os.Args[1:], systemIO())))
}

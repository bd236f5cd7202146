package main

import "github.com/spf13/cobra"

// addCommands registers the planning commands.
func addCommands(root *cobra.Command, f *factory) {
	root.AddCommand(
		newProfileCmd(f),
		newScreenCmd(f),
		newBatchCmd(f),
		newPlanCmd(f),
	)
}

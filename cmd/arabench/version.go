package main

import (
	"context"
	"flag"
	"fmt"
	"runtime/debug"
)

func init() {
	commands["version"] = command{summary: "print arabench's module version and the VCS revision it was built from", run: runVersion}
}

func runVersion(_ context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: arabench version")
		fmt.Fprintln(fs.Output(), "Prints the module version (a tag with go install …@version, (devel) in a clone), the VCS")
		fmt.Fprintln(fs.Output(), "revision and time of the build, and the Go version, as the binary records them.")
	}
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(e, "version", fmt.Sprintf("unexpected argument %q: version takes none", fs.Arg(0)))
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		fmt.Fprintln(e.stdout, "arabench (no build information: built without module support)")
		return exitOK
	}
	fmt.Fprint(e.stdout, versionText(info))
	return exitOK
}

// versionText formats what the build recorded: the main module's path and
// version, the VCS revision (marked "+dirty" when the tree had changes) and
// time, and the Go version.
func versionText(info *debug.BuildInfo) string {
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	out := fmt.Sprintf("arabench %s (%s)\n", version, info.Main.Path)
	if rev := settings["vcs.revision"]; rev != "" {
		if settings["vcs.modified"] == "true" {
			rev += "+dirty"
		}
		out += "revision " + rev
		if t := settings["vcs.time"]; t != "" {
			out += " (" + t + ")"
		}
		out += "\n"
	} else {
		out += "revision unknown (not built from a VCS checkout)\n"
	}
	return out + "go " + info.GoVersion + "\n"
}

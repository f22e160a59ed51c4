// Command seisaku indexes and searches Japanese local-government policy
// documents.
//
//	seisaku index  -index DIR [flags] FOLDER|FILE...   build or rebuild an index
//	seisaku serve  [-index DIR] [flags]                the HTTP API and search page
//	seisaku search -index DIR [flags] WORDS...          query an index from the terminal
//	seisaku health [-url URL]                          exit 0 when the server is ready
//	seisaku version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is stamped at build time: -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// after the first signal, a second one kills at once (the default)
	context.AfterFunc(ctx, stop)
	stopProfiles := startProfiles(os.Getenv)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stopProfiles()
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "seisaku:", err)
		}
		os.Exit(exitCode(err))
	}
}

type command func(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	commands := map[string]command{
		"index":  runIndex,
		"serve":  runServe,
		"search": runSearch,
		"health": runHealth,
		"version": func(_ context.Context, _ []string, _ func(string) string, stdout, _ io.Writer) error {
			fmt.Fprintln(stdout, "seisaku", version)
			return nil
		},
	}
	if len(args) == 0 {
		// a bare command prints what it can do rather than start a server
		// on a port the user did not ask for
		fmt.Fprint(stderr, usage)
		return usageError("name a command (seisaku serve runs the search on the bundled samples)")
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprint(stderr, usage)
		if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
			return flag.ErrHelp
		}
		return usageError(fmt.Sprintf("unknown command %q", args[0]))
	}
	return cmd(ctx, args[1:], getenv, stdout, stderr)
}

const usage = `usage: seisaku <command> [flags]

commands:
  serve    run the search API and page (no -index: the bundled samples, in memory)
  index    build an index from folders of documents
  search   query an index from the terminal (table, JSON or CSV)
  health   check a running server (for container health checks)
  version  print the version

Run "seisaku <command> -h" for the flags of a command.
`

// usageError is a mistake in the command line: exit code 2.
type usageError string

func (e usageError) Error() string { return string(e) }

func exitCode(err error) int {
	var u usageError
	if errors.As(err, &u) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

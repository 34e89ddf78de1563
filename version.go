package main

import (
	_ "embed"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// fyneAppTOML is Mutua's identity and version, shared with Fyne's packaging tool.
//
//go:embed FyneApp.toml
var fyneAppTOML []byte

// metadata is what FyneApp.toml says about Mutua.
type metadata struct {
	Details struct {
		ID, Name, Version string
		Build             int
	}
	Migrations map[string]bool
}

// readMetadata parses the embedded FyneApp.toml (TestVersion holds that it parses).
func readMetadata() metadata {
	var m metadata
	if _, err := toml.Decode(string(fyneAppTOML), &m); err != nil {
		panic("FyneApp.toml: " + err.Error())
	}
	return m
}

// version is the version as the coach sees it: "0.1.0 (build 1)".
func (m metadata) version() string {
	return fmt.Sprintf("%s (build %d)", m.Details.Version, m.Details.Build)
}

// commit is the commit built from, set at link time (-X main.commit=HASH, "HASH-dirty" when
// the tree had changes) for builds that carry no version-control stamp.
var commit string

// stamp reads what the Go toolchain recorded in the binary: the short hash of the commit built
// from ("" when not known), whether the tree had changes, and whether it is a release build
// (fyne package -release adds the "release" tag).
func stamp() (hash string, changed, release bool) {
	hash, changed = strings.CutSuffix(commit, "-dirty")
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			switch {
			case s.Key == "vcs.revision" && commit == "":
				hash = s.Value
			case s.Key == "vcs.modified" && commit == "":
				changed = s.Value == "true"
			case s.Key == "-tags":
				release = slices.Contains(strings.Split(s.Value, ","), "release")
			}
		}
	}
	return hash[:min(len(hash), 12)], changed, release
}

// versionLine is what mutua --version prints: "Mutua 0.1.0 (build 1), commit 1a2b3c4d5e6f".
func versionLine() string {
	meta := readMetadata()
	hash, changed, _ := stamp()
	switch {
	case hash == "":
		hash = "unknown"
	case changed:
		hash += " + changes"
	}
	return fmt.Sprintf("%s %s, commit %s", meta.Details.Name, meta.version(), hash)
}

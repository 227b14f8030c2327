package main

import (
	"fmt"
	"strconv"
	"strings"
)

// sizeFlag is a flag of a size in bytes, written plain or with a binary unit
// (KiB, MiB, GiB; K, M, G the same; B for bytes), a space allowed before the
// unit. Set refuses a size outside [min, max] and says the range.
type sizeFlag struct {
	n, min, max int
}

// formatSize writes n with the largest binary unit that divides it: 64MiB,
// 1536MiB, 3000.
func formatSize(n int) string {
	for _, u := range []struct {
		name  string
		shift uint
	}{{"GiB", 30}, {"MiB", 20}, {"KiB", 10}} {
		if n >= 1<<u.shift && n%(1<<u.shift) == 0 {
			return strconv.Itoa(n>>u.shift) + u.name
		}
	}
	return strconv.Itoa(n)
}

func (f *sizeFlag) String() string {
	if f == nil {
		return ""
	}
	return formatSize(f.n)
}

func (f *sizeFlag) Set(s string) error {
	num := strings.TrimSpace(s)
	shift := uint(0)
	for _, u := range []struct {
		suffix string
		shift  uint
	}{{"KiB", 10}, {"MiB", 20}, {"GiB", 30}, {"K", 10}, {"M", 20}, {"G", 30}, {"B", 0}} {
		if rest, ok := strings.CutSuffix(num, u.suffix); ok {
			num, shift = strings.TrimSpace(rest), u.shift
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 0 {
		return fmt.Errorf("%q is not a size such as 65536, 512KiB, 64MiB or 1GiB", s)
	}
	if n > int64(f.max>>shift) || int(n)<<shift < f.min {
		return fmt.Errorf("%s is outside %s to %s", s, formatSize(f.min), formatSize(f.max))
	}
	f.n = int(n) << shift
	return nil
}

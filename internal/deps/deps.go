// Package deps pins the modules lark's packages are being built on, so that
// go.mod stays stable while they are written. It is deleted once every
// dependency is imported for real.
package deps

import (
	_ "github.com/fsnotify/fsnotify"
	_ "github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "github.com/rogpeppe/go-internal/testscript"
	_ "github.com/spf13/cobra"
	_ "go.starlark.net/lib/json"
	_ "go.starlark.net/lib/math"
	_ "go.starlark.net/lib/time"
	_ "go.starlark.net/starlark"
	_ "go.starlark.net/starlarkstruct"
	_ "go.starlark.net/syntax"
	_ "modernc.org/sqlite"
)

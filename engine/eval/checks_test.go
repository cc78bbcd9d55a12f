package eval

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// load loads src as 1_x.star on dialect, with helpers in the FS.
func loadOn(t *testing.T, dialect, src string, helpers map[string]string, opts Options) (*Script, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for k, v := range helpers {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	opts.Dialect = dialect
	// What engine.ScriptOptions takes from each dialect's Capabilities.
	opts.Traits.ConcurrentIndexOutsideTx = dialect == "postgres"
	opts.Traits.TimeAsText = dialect == "sqlite"
	return Load(context.Background(), fsys, "1_x.star", []byte(src), opts)
}

// TestNamesAllowed checks that the near-miss check of settings and
// callbacks (testdata/bad/setting_typo*.star, callback_typo*.star) leaves
// sensible names alone: helpers the file uses, short names, names starting
// with "_", and values that are read.
func TestNamesAllowed(t *testing.T) {
	t.Parallel()
	for name, src := range map[string]string{
		"used helper": `def donw():
    drop_table("t")

def up():
    create_table("t")

def down():
    donw()
`,
		"helper passed to execute": `def seed():
    execute("INSERT INTO t VALUES (1)")

def unseed():
    execute("DELETE FROM t")

def seeds():
    pass

def change():
    execute(seed, unseed)
    execute(seeds, seeds)
`,
		"short names": `def up2():
    pass

def dow():
    pass

def change():
    pass
`,
		"underscore": `def _down():
    pass

_disable_ddl_transaction = True

def change():
    pass
`,
		"value that is read": `lock_timeouts = ["5s"]

def change():
    execute("SET lock_timeout = '%s'" % lock_timeouts[0])
`,
		"helper under top-level if": `if True:
    def changes():
        pass

def change():
    changes()
`,
		"the settings themselves": `disable_ddl_transaction = True
disable_migration_lock = True
lock_timeout = "5s"
statement_timeout = "1m"

def up():
    pass

def down():
    pass

def after_begin():
    pass

def before_commit():
    pass
`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, err := loadOn(t, "sqlite", src, nil, Options{}); err != nil {
				t.Errorf("Load: %v", err)
			}
		})
	}
}

// TestNamesRejectedAnywhere checks that a near miss is found inside
// top-level control flow too, and that a lambda counts as a function.
func TestNamesRejectedAnywhere(t *testing.T) {
	t.Parallel()
	for src, want := range map[string]string{
		"if True:\n    disable_migration_locks = True\n\ndef change():\n    pass\n": `1_x.star:2:5: unknown setting "disable_migration_locks" (did you mean "disable_migration_lock"?)`,
		"def change():\n    pass\n\nbefore_comit = lambda: None\n":                  `1_x.star:4:1: function "before_comit" is not a callback (did you mean "before_commit"?)`,
	} {
		_, err := loadOn(t, "sqlite", src, nil, Options{})
		if err == nil || err.Error() != want {
			t.Errorf("%q: err = %v, want %s", src, err, want)
		}
	}
}

// TestReservedHintOnlyForKeywordArguments checks that the from_/with_ hint
// (testdata/bad/reserved_*.star) is not given where from or with is not a
// keyword argument.
func TestReservedHintOnlyForKeywordArguments(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		"from = 1\n",
		"def change():\n    f(from)\n",
		"def change():\n    f(x, from == 1)\n",
		"def change():\n    x = with\n",
	} {
		_, err := loadOn(t, "sqlite", src, nil, Options{})
		if err == nil || !strings.Contains(err.Error(), "want primary expression") || strings.Contains(err.Error(), "spells") {
			t.Errorf("%q: err = %v", src, err)
		}
	}
	src := "def change():\n    alter(\"é\", modify(\"a\", \"text\",\n        from = \"string\"))\n"
	_, err := loadOn(t, "sqlite", src, nil, Options{})
	if err == nil || !strings.HasSuffix(err.Error(), "\n    lark spells this option from_") {
		t.Errorf("multi-line call: err = %v", err)
	}
}

// TestTypeTypoBeforeAnythingRuns checks that a misspelt type written as a
// literal fails Load, before any callback runs, on both dialects and in
// helpers too; a computed one fails the call; database types that look
// like Ecto names pass through.
func TestTypeTypoBeforeAnythingRuns(t *testing.T) {
	t.Parallel()
	for _, d := range []string{"sqlite", "postgres"} {
		src := "disable_ddl_transaction = True\n\ndef up():\n    create_table(\"a\")\n    flush()\n    alter(\"a\", add(\"b\", \"strng\"))\n\ndef down():\n    pass\n"
		_, err := loadOn(t, d, src, nil, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), `1_x.star:6:19: add: unknown column type "strng" (did you mean "string"?)`) {
			t.Errorf("%s: err = %v", d, err)
		}
		_, err = loadOn(t, d, "load(\"h.star\", \"cols\")\ndef change():\n    create_table(\"t\", *cols())\n",
			map[string]string{"h.star": "def cols():\n    return [timestamps(type = \"utc_datetme\")]\n"}, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), `h.star:2:23: timestamps: unknown column type "utc_datetme" (did you mean "utc_datetime"?)`) {
			t.Errorf("%s helper: err = %v", d, err)
		}
	}
	s, err := loadOn(t, "sqlite", "def change():\n    t = \"tex\" + \"y\"\n    create_table(\"t\", add(\"a\", t))\n", nil, Options{})
	if err != nil {
		t.Fatalf("computed type: Load: %v", err)
	}
	if _, err := s.Run(context.Background(), Up, nil); err == nil || !strings.HasPrefix(err.Error(), `1_x.star:3:26: add: unknown column type "texy" (did you mean "text"?)`) {
		t.Errorf("computed type: err = %v", err)
	}
	ok := "def change():\n    create_table(\"t\", add(\"a\", \"citext\"), add(\"b\", \"timestamptz\"), add(\"c\", \"state\"), add(\"d\", \"RATE\"),\n" +
		"        add(\"e\", \"float8\"), add(\"f\", \"varchar(40)\"), add(\"g\", \"public.rate\"), add(\"h\", \"int\"), add(\"i\", array(\"timetz\")))\n"
	s, err = loadOn(t, "postgres", ok, nil, Options{})
	if err == nil {
		_, err = s.Run(context.Background(), Up, nil)
	}
	if err != nil {
		t.Errorf("database types: %v", err)
	}
}

// TestConcurrently checks where concurrently=True is refused: only on
// PostgreSQL, only in a transaction, before anything runs when written as
// a literal, and at the call when a helper makes it.
func TestConcurrently(t *testing.T) {
	t.Parallel()
	body := "def change():\n    index(\"t\", [\"a\"], concurrently = True)\n"
	for _, c := range []struct {
		dialect, src string
		fails        bool
	}{
		{"postgres", body, true},
		{"postgres", "disable_ddl_transaction = True\n" + body, false},
		{"sqlite", body, false},
		{"postgres", "def change():\n    index(\"t\", [\"a\"], concurrently = False)\n", false},
	} {
		s, err := loadOn(t, c.dialect, c.src, nil, Options{})
		if err == nil {
			_, err = s.Run(context.Background(), Up, nil)
		}
		if (err != nil) != c.fails || err != nil && !strings.Contains(err.Error(), "concurrently=True needs disable_ddl_transaction = True") {
			t.Errorf("%s %q: err = %v", c.dialect, c.src, err)
		}
	}
	helper := map[string]string{"h.star": "def ix(t):\n    index(t, [\"a\"], concurrently = True)\n"}
	s, err := loadOn(t, "postgres", "load(\"h.star\", \"ix\")\ndef change():\n    ix(\"t\")\n", helper, Options{})
	if err != nil {
		t.Fatalf("helper: Load: %v", err)
	}
	if _, err := s.Run(context.Background(), Up, nil); err == nil || !strings.HasPrefix(err.Error(), "h.star:2:10: index: concurrently=True") {
		t.Errorf("helper: err = %v", err)
	}
	s, err = loadOn(t, "postgres", "disable_ddl_transaction = True\nload(\"h.star\", \"ix\")\ndef change():\n    ix(\"t\")\n", helper, Options{})
	if err == nil {
		_, err = s.Run(context.Background(), Down, nil)
	}
	if err != nil {
		t.Errorf("helper outside a transaction: %v", err)
	}
}

// TestPrint checks that print() writes "file:line: message" to
// Options.Print from the top level, helpers and runs with an executor
// (also the recording of change() that a rollback reverses), and nothing
// from runs that only record.
func TestPrint(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	src := `load("h.star", "note")
print("loading")

def change():
    print("change", direction())
    note()
    create_table("t")
`
	helpers := map[string]string{"h.star": "def note():\n    print(\"from the helper\")\n"}
	s, err := loadOn(t, "sqlite", src, helpers, Options{Print: &out})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "1_x.star:2: loading\n"; got != want {
		t.Errorf("Load printed %q, want %q", got, want)
	}
	out.Reset()
	ctx := context.Background()
	if _, err := s.Run(ctx, Up, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(ctx, Down, nil); err != nil {
		t.Fatal(err)
	}
	if out.Len() != 0 {
		t.Errorf("recording printed %q", out.String())
	}
	exec := &applied{}
	if _, err := s.Run(ctx, Up, exec); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(ctx, Down, exec); err != nil {
		t.Fatal(err)
	}
	want := "1_x.star:5: change up\nh.star:2: from the helper\n1_x.star:5: change down\nh.star:2: from the helper\n"
	if out.String() != want {
		t.Errorf("runs printed %q, want %q", out.String(), want)
	}
	if got := strings.Join(exec.kinds, " "); got != "create_table drop_table" {
		t.Errorf("applied %s", got)
	}
	// Without Options.Print, print() is discarded.
	s, err = loadOn(t, "sqlite", src, helpers, Options{})
	if err == nil {
		_, err = s.Run(ctx, Up, exec)
	}
	if err != nil {
		t.Fatal(err)
	}
}

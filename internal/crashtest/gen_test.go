package crashtest

import (
	"fmt"
	"os"
	"path/filepath"
)

// A generated migration creates table t<V>, then (one op each) an index on
// its name column, an added column "extra", and one inserted row; opCount
// is how many operations its log holds once it is applied.
const opCount = 4

// migration is one generated migration file.
type migration struct {
	Version int64
	NoTx    bool // disable_ddl_transaction = True
}

func (m migration) table() string { return fmt.Sprintf("t%d", m.Version) }

func (m migration) index() string { return m.table() + "_name_index" }

// generate writes n migrations into dir; every noTxEvery-th one runs
// outside a transaction.
func generate(dir string, n, noTxEvery int) ([]migration, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	migs := make([]migration, n)
	for i := range migs {
		m := migration{Version: int64(100 + i), NoTx: noTxEvery > 0 && i%noTxEvery == noTxEvery-1}
		migs[i] = m
		path := filepath.Join(dir, fmt.Sprintf("%d_step_%d.star", m.Version, i))
		if err := os.WriteFile(path, []byte(m.source()), 0o644); err != nil {
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
	}
	return migs, nil
}

// source is the migration's Starlark text. The insert's reverse deletes
// the row, so every op is reversible and `lark down` can undo a partial
// migration exactly.
func (m migration) source() string {
	header := ""
	if m.NoTx {
		header = "disable_ddl_transaction = True\n\n"
	}
	t := m.table()
	return header + fmt.Sprintf(`def change():
    create_table(%[1]q, add("name", "string"), add("n", "integer"))
    index(%[1]q, ["name"])
    alter(%[1]q, add("extra", "text"))
    execute("INSERT INTO %[1]s (name, n) VALUES ('row', %[2]d)", "DELETE FROM %[1]s WHERE n = %[2]d")
`, t, m.Version)
}

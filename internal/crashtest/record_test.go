package crashtest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFailedProgressRecord makes the versions table refuse the progress
// record of a non-transactional migration's second op: the same moment a
// crash between an op and its record would hit, made deterministic. The
// op must not stay applied without a record, so that `lark up --continue`
// can run it again once the record can be written. (Before the fix, the
// index was created and committed on its own, its record failed, and the
// row claimed one op while two had run.)
func TestFailedProgressRecord(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		open    func(*testing.T) target
		trigger []string // make an UPDATE to a 2-op log fail
		untrig  string
	}{
		{
			name: "sqlite", open: sqliteTarget,
			trigger: []string{`CREATE TRIGGER refuse_second BEFORE UPDATE ON schema_migrations
				WHEN json_array_length(NEW.op_log) = 2 BEGIN SELECT RAISE(FAIL, 'refused by test'); END`},
			untrig: `DROP TRIGGER refuse_second`,
		},
		{
			name: "postgres", open: postgresTarget,
			trigger: []string{
				`CREATE FUNCTION refuse_second() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
					IF json_array_length(NEW.op_log::json) = 2 THEN RAISE EXCEPTION 'refused by test'; END IF;
					RETURN NEW;
				END $$`,
				`CREATE TRIGGER refuse_second BEFORE UPDATE ON schema_migrations FOR EACH ROW EXECUTE FUNCTION refuse_second()`,
			},
			untrig: `DROP TRIGGER refuse_second ON schema_migrations`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			tg := tc.open(t)
			dir := filepath.Join(t.TempDir(), "migrations")
			migs, err := generate(dir, 4, 4) // the 4th, version 103, is non-transactional
			if err != nil {
				t.Fatal(err)
			}
			cat := catalog{db: tg.db, dialect: tg.dialect}
			lark := func(args ...string) run {
				r := startAndKill(ctx, dir, tg.url, time.Minute, args...)
				settle(ctx, t, tg)
				return r
			}
			if r := lark("up", "--to", "102"); r.err != nil {
				t.Fatalf("lark up --to 102: %v\n%s", r.err, r.out)
			}
			for _, q := range tc.trigger {
				if _, err := tg.db.ExecContext(ctx, q); err != nil {
					t.Fatalf("install trigger: %v", err)
				}
			}
			r := lark("up")
			if r.err == nil || !strings.Contains(r.out, "refused by test") {
				t.Fatalf("lark up should fail on the refused record; err=%v\n%s", r.err, r.out)
			}
			st, bad, err := cat.check(ctx, migs)
			if err != nil {
				t.Fatal(err)
			}
			if len(bad) > 0 {
				t.Fatalf("after the refused record, schema and versions table disagree:%s", join(bad))
			}
			if st.Applied != 3 || !st.Partial {
				t.Fatalf("state = %+v, want 3 applied and version 103 partial", st)
			}
			if _, err := tg.db.ExecContext(ctx, tc.untrig); err != nil {
				t.Fatalf("drop trigger: %v", err)
			}
			if r := lark("up", "--continue"); r.err != nil {
				t.Fatalf("lark up --continue: %v\n%s", r.err, r.out)
			}
			st, bad, err = cat.check(ctx, migs)
			if err != nil {
				t.Fatal(err)
			}
			if len(bad) > 0 || st.Applied != 4 {
				t.Fatalf("after --continue: state %+v, disagreements:%s", st, join(bad))
			}
		})
	}
}

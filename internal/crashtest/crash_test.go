package crashtest

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/larkdb/lark/internal/testdb"
)

// larkBin is the lark binary TestMain builds for the whole package.
var larkBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "lark-crashtest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "crashtest:", err)
		os.Exit(1)
	}
	larkBin = filepath.Join(dir, "lark")
	build := exec.Command("go", "build", "-o", larkBin, "github.com/larkdb/lark/cmd/lark")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "crashtest: go build ./cmd/lark: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := testdb.Run(m)
	os.RemoveAll(dir)
	os.Exit(code)
}

// Sizes of the run: 48 migrations, every 4th outside a transaction.
const (
	migrationCount = 48
	noTxEvery      = 4
)

func envInt(name string, def int64) int64 {
	if v, err := strconv.ParseInt(os.Getenv(name), 10, 64); err == nil {
		return v
	}
	return def
}

// target is one database the test kills lark on.
type target struct {
	dialect string
	url     string  // lark's --database
	db      *sql.DB // the test's own handle, for the checks
}

func sqliteTarget(t *testing.T) target {
	db, path := testdb.OpenSQLite(t)
	return target{dialect: "sqlite", url: "sqlite:" + path, db: db}
}

func postgresTarget(t *testing.T) target {
	db, url := testdb.OpenPostgres(t)
	db.SetMaxOpenConns(1) // one connection, so "no other backend" is easy to see
	return target{dialect: "postgres", url: url, db: db}
}

func TestKillDuringUp(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		open func(*testing.T) target
	}{
		{"sqlite", sqliteTarget},
		{"postgres", postgresTarget},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			killLoop(t, tc.open(t))
		})
	}
}

// run is one lark process and how it ended.
type run struct {
	killed bool
	err    error
	out    string
}

// startAndKill runs lark with args and SIGKILLs it after delay, unless it
// has exited by then.
func startAndKill(ctx context.Context, dir, dbURL string, delay time.Duration, args ...string) run {
	cmd := exec.CommandContext(ctx, larkBin, append([]string{"--database", dbURL, "--dir", dir}, args...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return run{err: fmt.Errorf("start lark: %w", err)}
	}
	timer := time.AfterFunc(delay, func() { _ = cmd.Process.Signal(syscall.SIGKILL) })
	err := cmd.Wait()
	timer.Stop()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
		return run{killed: true, out: out.String()}
	}
	return run{err: err, out: out.String()}
}

// settle waits until a killed lark's server-side session has ended, so the
// check sees what the database will keep: a backend may finish its
// statement after the client has died.
func settle(ctx context.Context, t *testing.T, tg target) {
	if tg.dialect != "postgres" {
		return
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		var n int
		err := tg.db.QueryRowContext(ctx, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()").Scan(&n)
		if err != nil {
			t.Fatalf("wait for lark's session to end: %v", err)
		}
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("lark's session on %s still open 15 s after the kill", tg.dialect)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// killLoop kills lark at random points until it has killed it at least
// LARK_CRASH_KILLS times and every migration is applied, checking after
// every process that schema and versions table agree. When a run completes
// before enough kills, everything is rolled back (under kills too) and
// applied again.
func killLoop(t *testing.T, tg target) {
	ctx := context.Background()
	seed := uint64(envInt("LARK_CRASH_SEED", time.Now().UnixNano()))
	wantKills := int(envInt("LARK_CRASH_KILLS", 30))
	t.Logf("seed %d (LARK_CRASH_SEED=%d replays it), %d kills", seed, seed, wantKills)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))

	dir := filepath.Join(t.TempDir(), "migrations")
	migs, err := generate(dir, migrationCount, noTxEvery)
	if err != nil {
		t.Fatal(err)
	}
	cat := catalog{db: tg.db, dialect: tg.dialect}
	maxDelay := calibrate(t, tg, dir)
	t.Logf("a full clean run takes about %s; kill delays drawn from [0, %s)", maxDelay, maxDelay)

	kills, runs, downPhase := 0, 0, false
	var killedAt []int // applied count seen after each kill, for the log
	for {
		st, bad, err := cat.check(ctx, migs)
		if err != nil {
			t.Fatal(err)
		}
		if len(bad) > 0 {
			t.Fatalf("after %d runs (%d kills), schema and versions table disagree:%s", runs, kills, join(bad))
		}
		if kills >= wantKills && st.Applied == len(migs) {
			break
		}
		if runs > 20*wantKills {
			t.Fatalf("no progress after %d runs (%d kills)", runs, kills)
		}
		args := []string{"up"}
		switch {
		case downPhase:
			args = []string{"down", "--all"}
		case st.Partial:
			args = []string{"up", "--continue"}
		}
		delay := time.Duration(rng.Int64N(int64(maxDelay)))
		r := startAndKill(ctx, dir, tg.url, delay, args...)
		runs++
		settle(ctx, t, tg)
		if testing.Verbose() {
			t.Logf("run %d: lark %v, delay %s, killed=%v", runs, args, delay, r.killed)
		}
		switch {
		case r.killed:
			kills++
			after, _, err := cat.check(ctx, migs)
			if err == nil {
				killedAt = append(killedAt, after.Applied)
			}
		case r.err != nil:
			t.Fatalf("lark %v (run %d, after %d kills) failed: %v\n%s", args, runs, kills, r.err, r.out)
		case downPhase:
			downPhase = false
		default:
			downPhase = kills < wantKills
		}
	}
	t.Logf("%d runs, %d kills; applied migrations seen after each kill: %v", runs, kills, killedAt)
}

// calibrate times one clean `lark up` of the run on a scratch database of
// the same kind, for the range of kill delays.
func calibrate(t *testing.T, tg target, dir string) time.Duration {
	var url string
	if tg.dialect == "sqlite" {
		url = "sqlite:" + filepath.Join(t.TempDir(), "calibrate.db")
	} else {
		url = testdb.Postgres(t)
	}
	start := time.Now()
	r := startAndKill(context.Background(), dir, url, time.Minute, "up")
	if r.err != nil || r.killed {
		t.Fatalf("calibration run of lark up: %v\n%s", r.err, r.out)
	}
	return time.Since(start)
}

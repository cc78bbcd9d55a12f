package testdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// ahead is how many databases Main keeps created before a test asks: two
// cover the tests that start while one is being made, and a process that
// uses PostgreSQL once wastes at most two copies.
const ahead = 2

// namePattern matches the databases this package makes; its group is the
// pid of the owning process's connection.
var namePattern = regexp.MustCompile(`^lark_test_([0-9]+)_[0-9]+$`)

// Main is a TestMain for a package whose tests use [Postgres]:
//
//	func TestMain(m *testing.M) { testdb.Main(m) }
//
// It runs the tests with databases made ahead and dropped in the
// background, and exits once every database is dropped.
func Main(m *testing.M) { os.Exit(Run(m)) }

// Run is [Main] for a TestMain that has more to do: it runs m's tests as
// Main does and returns their exit code, or 1 if a database could not be
// dropped.
func Run(m interface{ Run() int }) int {
	pg.mu.Lock()
	pg.managed = true
	pg.mu.Unlock()
	code := m.Run()
	if err := pg.close(); err != nil {
		fmt.Fprintln(os.Stderr, "testdb:", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}

// pg is the process's pool of PostgreSQL test databases.
var pg = &pool{}

// pool makes and drops the test databases of one test process.
type pool struct {
	once  sync.Once
	err   error     // why the server cannot be used
	admin *sql.DB   // the server, for CREATE and DROP DATABASE
	owner *sql.Conn // held open until exit: its pid names our databases
	pid   int
	seq   atomic.Int64

	mu       sync.Mutex
	managed  bool     // Run is running the tests: work in the background
	closing  bool     // the tests are over: nothing new in the background
	ready    []string // made ahead, not taken yet
	making   int      // being made ahead
	bg       sync.WaitGroup
	dropErrs []error // background drops that failed
}

// start connects to the server once per process.
func (p *pool) start() (*pool, error) {
	p.once.Do(func() {
		p.admin, p.err = sql.Open("pgx", AdminURL())
		if p.err != nil {
			return
		}
		// The owner, and at most four creates or drops at a time: the
		// server's connections are shared with the tests, and with the
		// other test processes of the run.
		p.admin.SetMaxOpenConns(1 + 4)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if p.owner, p.err = p.admin.Conn(ctx); p.err != nil {
			return
		}
		if p.err = p.owner.QueryRowContext(ctx, "SELECT pg_backend_pid()").Scan(&p.pid); p.err != nil {
			return
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.managed && !p.closing {
			p.bg.Go(p.sweep)
		}
	})
	return p, p.err
}

// take returns a database for a test: one made ahead, or a new one.
func (p *pool) take(ctx context.Context) (string, error) {
	p.mu.Lock()
	var name string
	if n := len(p.ready); n > 0 {
		name, p.ready = p.ready[n-1], p.ready[:n-1]
	}
	p.fill()
	p.mu.Unlock()
	if name != "" {
		return name, nil
	}
	return p.create(ctx)
}

// fill starts making databases ahead until ahead are ready or on their
// way. p.mu is held.
func (p *pool) fill() {
	if !p.managed || p.closing {
		return
	}
	for ; len(p.ready)+p.making < ahead; p.making++ {
		p.bg.Go(func() {
			// An error here is left for the test that next creates a
			// database on its own path to report.
			name, err := p.create(context.Background())
			p.mu.Lock()
			defer p.mu.Unlock()
			p.making--
			if err == nil {
				p.ready = append(p.ready, name)
			}
		})
	}
}

// release drops a test's database: in the background under Run, at once
// (returning the error) otherwise.
func (p *pool) release(name string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.managed || p.closing {
		return p.drop(context.Background(), name)
	}
	p.bg.Go(func() {
		if err := p.drop(context.Background(), name); err != nil {
			p.mu.Lock()
			p.dropErrs = append(p.dropErrs, err)
			p.mu.Unlock()
		}
	})
	return nil
}

// close waits for the background work, then drops the databases no test
// took, and reports every drop that failed.
func (p *pool) close() error {
	p.mu.Lock()
	p.closing = true
	p.mu.Unlock()
	p.bg.Wait()
	if p.admin == nil {
		return nil
	}
	var wg sync.WaitGroup
	errs := make([]error, len(p.ready))
	for i, name := range p.ready {
		wg.Go(func() { errs[i] = p.drop(context.Background(), name) })
	}
	wg.Wait()
	p.ready = nil
	err := errors.Join(append(p.dropErrs, errs...)...)
	if p.owner != nil {
		p.owner.Close()
	}
	p.admin.Close()
	return err
}

func (p *pool) create(ctx context.Context) (string, error) {
	name := "lark_test_" + strconv.Itoa(p.pid) + "_" + strconv.FormatInt(p.seq.Add(1), 10)
	if _, err := p.admin.ExecContext(ctx, `CREATE DATABASE "`+name+`"`); err != nil {
		return "", fmt.Errorf("create database %s: %w", name, err)
	}
	return name, nil
}

func (p *pool) drop(ctx context.Context, name string) error {
	// WITH (FORCE) ends connections a failed test left open.
	if _, err := p.admin.ExecContext(ctx, `DROP DATABASE IF EXISTS "`+name+`" WITH (FORCE)`); err != nil {
		return fmt.Errorf("drop database %s: %w", name, err)
	}
	return nil
}

// sweep drops the databases of test processes that ended without dropping
// them: their owner's pid no longer runs on the server. The databases are
// listed before the running pids are, so a process that starts in between
// has no database in the list yet.
func (p *pool) sweep() {
	ctx := context.Background()
	var names []string
	rows, err := p.admin.QueryContext(ctx, `SELECT datname FROM pg_database WHERE datname LIKE 'lark\_test\_%'`)
	if err != nil {
		return
	}
	for rows.Next() {
		var name string
		if rows.Scan(&name) == nil && namePattern.MatchString(name) {
			names = append(names, name)
		}
	}
	rows.Close()
	if rows.Err() != nil || len(names) == 0 {
		return
	}
	live := map[string]bool{}
	rows, err = p.admin.QueryContext(ctx, `SELECT pid FROM pg_stat_activity`)
	if err != nil {
		return
	}
	for rows.Next() {
		var pid int
		if rows.Scan(&pid) == nil {
			live[strconv.Itoa(pid)] = true
		}
	}
	rows.Close()
	if rows.Err() != nil {
		return
	}
	for _, name := range names {
		if owner := namePattern.FindStringSubmatch(name)[1]; !live[owner] {
			// Best effort: another process may be sweeping it too.
			_ = p.drop(ctx, name)
		}
	}
}

package engine

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/scripts"
)

// session is what one Up, Down or watch rework works with: the migration
// files, the run lock, a dedicated connection with the versions table in
// place, and the versions table's rows as they were when the lock was taken.
type session struct {
	files []scripts.Migration
	lk    *runLock
	conn  *sql.Conn
	rows  map[int64]*versionRow
	read  func(context.Context, dialect.Querier) (map[int64]*versionRow, error)
}

// byVersion indexes the session's files by version.
func (s *session) byVersion() map[int64]scripts.Migration {
	out := make(map[int64]scripts.Migration, len(s.files))
	for _, f := range s.files {
		out[f.Version] = f
	}
	return out
}

// close releases the connection and then the lock.
func (s *session) close() {
	s.conn.Close()
	s.lk.release()
}

// open discovers the files, takes the migration lock, opens a connection,
// creates or adopts the versions table and reads it. With lite, the stored
// logs of applied rows are counted, not decoded (see readVersionsLite).
// The caller closes the session.
func (m *Migrator) open(ctx context.Context, lite bool) (*session, error) {
	files, err := scripts.Discover(m.fsys)
	if err != nil {
		return nil, err
	}
	lk, err := m.lock(ctx)
	if err != nil {
		return nil, err
	}
	conn, err := m.db.Conn(ctx)
	if err != nil {
		lk.release()
		return nil, fmt.Errorf("connect: %w", err)
	}
	s := &session{files: files, lk: lk, conn: conn}
	if err := m.ensureTable(ctx, conn); err != nil {
		s.close()
		return nil, err
	}
	s.read = m.readVersions
	if lite {
		s.read = m.readVersionsLite
	}
	if s.rows, err = s.read(ctx, conn); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// reread reads the versions table again.
func (s *session) reread(ctx context.Context) (err error) {
	s.rows, err = s.read(ctx, s.conn)
	return err
}

package postgres

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/larkdb/lark/dialect"
)

// pipelineSize is how many statements one round trip of ExecMany carries:
// enough that the network wait all but disappears, few enough that the
// queued arguments stay small.
const pipelineSize = 1000

// ExecMany implements [dialect.Data.ExecMany] with pgx's pipelining: the
// statement is queued for pipelineSize sets of arguments at a time and sent
// in one round trip, on the pgx connection under q, so it runs inside the
// transaction q has open. q must be a *sql.Conn of the pgx driver; anything
// else runs the statements one by one.
func (Runtime) ExecMany(ctx context.Context, q dialect.Querier, query string, sets [][]any) (int64, error) {
	conn, ok := q.(*sql.Conn)
	if !ok {
		return dialect.ExecEach(ctx, q, query, sets)
	}
	var total int64
	err := conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("exec_many needs the pgx driver, not %T", dc)
		}
		pc := sc.Conn()
		for start := 0; start < len(sets); start += pipelineSize {
			end := min(start+pipelineSize, len(sets))
			b := &pgx.Batch{}
			for _, args := range sets[start:end] {
				b.Queue(query, args...)
			}
			br := pc.SendBatch(ctx, b)
			for i := start; i < end; i++ {
				tag, err := br.Exec()
				if err != nil {
					br.Close()
					return fmt.Errorf("rows[%d]: %w", i, err)
				}
				total += tag.RowsAffected()
			}
			if err := br.Close(); err != nil {
				return err
			}
		}
		return nil
	})
	return total, err
}

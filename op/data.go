package op

// The data operations: what query(), exec(), exec_many(), batches() and backfill()
// executed. Unlike the schema ops they are not planned by a dialect: the
// builtin runs them at once, through the engine, and records them here so
// that the stored log and `lark plan` show which data statements ran.
// None of them can be reversed from the log alone; a migration that uses
// them rolls back with its down() (or an execute(up, down) of functions).
type (
	// Query is query(sql, *args): a statement that returns rows.
	Query struct {
		Pos  Pos     `json:"pos"`
		SQL  string  `json:"sql"`
		Args []Value `json:"args,omitempty"`
	}

	// Exec is exec(sql, *args). Rows is how many rows it affected; a
	// resumed migration returns it again instead of running the statement
	// twice.
	Exec struct {
		Pos  Pos     `json:"pos"`
		SQL  string  `json:"sql"`
		Args []Value `json:"args,omitempty"`
		Rows int64   `json:"rows"`
	}

	// ExecMany is exec_many(sql, rows): one statement run once for each
	// set of arguments. Only how many sets ran is recorded, not the sets
	// (they are rows of data, often thousands); Rows is the sum of the rows
	// each affected.
	ExecMany struct {
		Pos  Pos    `json:"pos"`
		SQL  string `json:"sql"`
		Sets int64  `json:"sets"`
		Rows int64  `json:"rows"`
	}

	// Batches is batches(sql, *args, size=, key=): a query streamed in
	// batches of Size rows. With Key set it is keyset-paginated over that
	// column and, outside a transaction, each batch commits on its own with
	// LastKey, so a failed run resumes after the last committed batch.
	Batches struct {
		Pos  Pos     `json:"pos"`
		SQL  string  `json:"sql"`
		Args []Value `json:"args,omitempty"`
		Size int     `json:"size"`
		Key  string  `json:"key,omitempty"`
		// Rows is how many rows were handed to the script so far.
		Rows int64 `json:"rows"`
		// LastKey is the key of the last row of the last committed batch.
		LastKey *Value `json:"last_key,omitempty"`
		// Done is true once every batch was processed.
		Done bool `json:"done,omitempty"`
		// Stmts are the data statements the loop body ran, each once with
		// how many times it ran (not one op per row, which would grow the
		// log with the table).
		Stmts []DataStmt `json:"stmts,omitempty"`
	}

	// Backfill is backfill(table, set=, where=, args=, key=, batch_size=):
	// an UPDATE run batch by batch in key order, each batch in its own
	// short transaction that also records LastKey. Set and Where are SQL
	// with $1, $2, ... placeholders bound to Args (a dict given as set= is
	// rendered into Set, its values appended to Args).
	Backfill struct {
		Pos       Pos     `json:"pos"`
		Table     Table   `json:"table"`
		Set       string  `json:"set"`
		Where     string  `json:"where,omitempty"`
		Args      []Value `json:"args,omitempty"`
		Key       string  `json:"key"`
		BatchSize int     `json:"batch_size"`
		// Rows is how many rows were updated so far.
		Rows    int64  `json:"rows"`
		LastKey *Value `json:"last_key,omitempty"`
		Done    bool   `json:"done,omitempty"`
	}
)

// DataStmt is one distinct statement a batches() loop ran.
type DataStmt struct {
	Pos   Pos    `json:"pos"`
	SQL   string `json:"sql"`
	Count int64  `json:"count"`
}

// IsData reports whether o is a data op (query, exec, exec_many, batches,
// backfill).
func IsData(o Op) bool {
	switch o.(type) {
	case *Query, *Exec, *ExecMany, *Batches, *Backfill:
		return true
	}
	return false
}

// HasData reports whether log holds a data op, at any depth (inside an
// execute() of functions too).
func HasData(log Log) bool {
	for _, o := range log {
		if IsData(o) {
			return true
		}
		if e, ok := o.(*Execute); ok && HasData(e.Ops) {
			return true
		}
	}
	return false
}

func (*Query) Kind() string    { return "query" }
func (*Exec) Kind() string     { return "exec" }
func (*ExecMany) Kind() string { return "exec_many" }
func (*Batches) Kind() string  { return "batches" }
func (*Backfill) Kind() string { return "backfill" }

func (o *Query) Position() Pos    { return o.Pos }
func (o *Exec) Position() Pos     { return o.Pos }
func (o *ExecMany) Position() Pos { return o.Pos }
func (o *Batches) Position() Pos  { return o.Pos }
func (o *Backfill) Position() Pos { return o.Pos }

func (*Query) isOp()    {}
func (*Exec) isOp()     {}
func (*ExecMany) isOp() {}
func (*Batches) isOp()  {}
func (*Backfill) isOp() {}

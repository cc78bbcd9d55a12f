package dialect

import "github.com/larkdb/lark/dialect/schema"

// Snapshot is the schema a plan starts from (see [Planner.PlanWithSnapshot]). The
// zero Snapshot is an empty database.
type Snapshot struct {
	// Schema holds the tables, each with its columns, constraints and
	// indexes, and the views and triggers, in the order the database
	// created them; nil is an empty database. A planner never changes it
	// nor its tables (it copies a table before it changes it), so
	// snapshots may share tables.
	Schema *schema.Schema
}

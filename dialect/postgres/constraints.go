package postgres

import (
	"github.com/larkdb/lark/op"
)

// createConstraint renders constraint(): ALTER TABLE ... ADD CONSTRAINT
// with a CHECK or an EXCLUDE, NOT VALID for validate=False, then COMMENT ON
// CONSTRAINT.
func (p *planner) createConstraint(o *op.CreateConstraint) error {
	c := &o.Constraint
	if err := checkIdent(o.Pos, "constraint", c.Name); err != nil {
		return err
	}
	table := QuoteName(c.Prefix, c.Table)
	var body string
	switch {
	case c.Check != "" && c.Exclude != "":
		return op.Errorf(o.Pos, "constraint %q: give check= or exclude=, not both", c.Name)
	case c.Check != "":
		body = "CHECK (" + c.Check + ")"
	case c.Exclude != "":
		if !c.Validate {
			return op.Errorf(o.Pos, "constraint %q: PostgreSQL cannot add an exclusion constraint as NOT VALID", c.Name).
				WithDetail("validate=False applies to check constraints and foreign keys only")
		}
		body = "EXCLUDE USING " + c.Exclude
	default:
		return op.Errorf(o.Pos, "constraint %q: needs check= or exclude=", c.Name)
	}
	sql := "ALTER TABLE " + table + " ADD CONSTRAINT " + QuoteIdent(c.Name) + " " + body
	if !c.Validate {
		sql += " NOT VALID"
	}
	p.emit(o.Pos, sql, false)
	if c.Comment != nil {
		p.emit(o.Pos, commentOn("CONSTRAINT", QuoteIdent(c.Name)+" ON "+table, *c.Comment), false)
	}
	return nil
}

// dropConstraint renders drop_constraint.
func (p *planner) dropConstraint(o *op.DropConstraint) error {
	c := &o.Constraint
	if err := checkIdent(o.Pos, "constraint", c.Name); err != nil {
		return err
	}
	mode := dropMode(o.Mode)
	ifExists := ""
	if o.IfExists {
		ifExists = "IF EXISTS "
	}
	p.emit(o.Pos, "ALTER TABLE "+QuoteName(c.Prefix, c.Table)+" DROP CONSTRAINT "+ifExists+QuoteIdent(c.Name)+mode, false)
	return nil
}

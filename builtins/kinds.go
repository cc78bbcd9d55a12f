package builtins

import (
	"math"

	"go.starlark.net/starlark"

	"github.com/larkdb/lark/op"
)

// The kinds of parameter the builtins take (see [Kind]). Each converts an
// argument to one Go type, which the builtin reads with arg[T]:
//
//	kindString, kindMatch, kindMode, kindBatchKey                  string
//	kindColumnName                                                 *string
//	kindFlag, kindBool, kindConcurrently                           bool
//	kindSize, kindCount, kindBatchSize                             int
//	kindInt64                                                      int64
//	kindType, kindElemType                                         op.Type
//	kindFrom, kindPrimaryKey                                       *op.Column
//	kindDefault                                                    op.Value
//	kindStrings                                                    []string
//	kindOnDelete, kindOnUpdate                                     *op.FKAction
//	kindWith                                                       []op.ColumnPair
//	kindCode                                                       code
//	kindList                                                       starlark.Tuple
//	kindSet, kindRows, kindAny                                     starlark.Value
//
// The kinds of a *args parameter (kindColumns, kindChanges, kindAny)
// convert nothing: the builtin reads the arguments with restArgs.
var (
	kindString = &Kind{Doc: "string", convert: convertString}
	// kindFlag is a bool that None cannot stand for (if_not_exists=None
	// is an error, not False).
	kindFlag = &Kind{Doc: "bool", none: noneConverts, convert: convertBool}
	// kindBool is a bool where None means "not given" (null=None leaves
	// nullability as it is).
	kindBool         = &Kind{Doc: "bool", convert: convertBool}
	kindConcurrently = &Kind{Doc: "bool", none: noneConverts, convert: convertBool, literal: literalConcurrently}
	// kindSize is a size, precision or scale: 0 to 2^31-1.
	kindSize      = &Kind{Doc: "int", convert: convertSize}
	kindInt64     = &Kind{Doc: "int", convert: convertInt64}
	kindCount     = &Kind{Doc: "int", convert: convertCount}
	kindBatchSize = &Kind{Doc: "int from 1 to 1000000", convert: convertBatchSize}
	kindBatchKey  = &Kind{Doc: "column name", convert: convertBatchKey}

	kindType = &Kind{Doc: "type name, `array()` or `references()`", literal: literalType,
		convert: func(c *call, param string, v starlark.Value) (any, error) { return c.toType(param, v) }}
	kindElemType = &Kind{Doc: "type name or `array()`", literal: literalType, convert: convertElemType}
	kindFrom     = &Kind{Doc: "type, or pair `(type, {options})`", literal: literalFrom,
		convert: func(c *call, _ string, v starlark.Value) (any, error) { return c.fromOption(v) }}
	kindPrimaryKey = &Kind{Doc: "bool, or dict `{\"name\": ..., \"type\": ...}`", none: noneConverts, literal: literalPrimaryKey,
		convert: func(c *call, _ string, v starlark.Value) (any, error) { return c.primaryKey(v) }}
	kindDefault = &Kind{Doc: "None, bool, int, float, string, list, dict or `fragment()`", none: noneConverts,
		convert: func(c *call, param string, v starlark.Value) (any, error) { return c.toValue(param, v) }}
	kindStrings = &Kind{Doc: "list of strings, or one string",
		convert: func(c *call, param string, v starlark.Value) (any, error) { return c.stringList(param, v) }}
	kindColumnName = &Kind{Doc: "column name, or False", none: noneConverts, convert: convertColumnName}

	kindOnDelete = &Kind{Doc: codeList(op.OnDeleteActions()) + ", or a pair `(\"nilify\", [columns])` or `(\"default\", [columns])`",
		convert: func(c *call, param string, v starlark.Value) (any, error) {
			return c.fkAction(param, v, op.OnDeleteActions(), true)
		}}
	kindOnUpdate = &Kind{Doc: orList(op.OnUpdateActions()),
		convert: func(c *call, param string, v starlark.Value) (any, error) {
			return c.fkAction(param, v, op.OnUpdateActions(), false)
		}}
	kindWith  = &Kind{Doc: "dict of column pairs", convert: convertWith}
	kindMatch = &Kind{Doc: orList(op.MatchTypes()), convert: convertMatch}
	kindMode  = &Kind{Doc: orList([]string{op.ModeRestrict, op.ModeCascade}), convert: convertMode}

	kindCode = &Kind{Doc: "SQL string, or function", convert: convertCode}
	kindList = &Kind{Doc: "list", convert: convertList}
	kindSet  = &Kind{Doc: "SQL string, or dict of column to value or `fragment()`", convert: convertAny}
	kindRows = &Kind{Doc: "list of tuples", convert: convertAny}
	kindAny  = &Kind{Doc: "value", convert: convertAny}

	kindColumns = &Kind{Doc: "`add()`, `timestamps()`"}
	kindChanges = &Kind{Doc: "`add()`, `add_if_not_exists()`, `modify()`, `remove()`, `remove_if_exists()`, `timestamps()`"}
)

func convertAny(_ *call, _ string, v starlark.Value) (any, error) { return v, nil }

func convertString(c *call, param string, v starlark.Value) (any, error) {
	s, ok := v.(starlark.String)
	if !ok {
		return nil, c.badType(param, "string", v)
	}
	return string(s), nil
}

func convertBool(c *call, param string, v starlark.Value) (any, error) {
	b, ok := v.(starlark.Bool)
	if !ok {
		return nil, c.badType(param, "bool", v)
	}
	return bool(b), nil
}

// int64Of reads an int argument.
func int64Of(c *call, param string, v starlark.Value) (int64, error) {
	i, ok := v.(starlark.Int)
	if !ok {
		return 0, c.badType(param, "int", v)
	}
	n, ok := i.Int64()
	if !ok {
		return 0, c.errorf("for parameter %s: %s does not fit in 64 bits", param, i)
	}
	return n, nil
}

func convertInt64(c *call, param string, v starlark.Value) (any, error) { return int64Of(c, param, v) }

func convertCount(c *call, param string, v starlark.Value) (any, error) {
	n, err := int64Of(c, param, v)
	return int(n), err
}

func convertSize(c *call, param string, v starlark.Value) (any, error) {
	i, ok := v.(starlark.Int)
	if !ok {
		return nil, c.badType(param, "int", v)
	}
	n, ok := i.Int64()
	if !ok || n < 0 || n > math.MaxInt32 {
		return nil, c.errorf("for parameter %s: %s is out of range", param, i)
	}
	return int(n), nil
}

// convertBatchSize reads batches(size=), which bounds the rows held in
// memory at once.
func convertBatchSize(c *call, _ string, v starlark.Value) (any, error) {
	n, ok := v.(starlark.Int)
	s, exact := n.Int64()
	if !ok || !exact || s < 1 || s > 1_000_000 {
		return nil, c.errorf("size must be an int from 1 to 1000000, not %s", v)
	}
	return int(s), nil
}

// convertBatchKey reads batches(key=), a column of the query's result.
func convertBatchKey(c *call, _ string, v starlark.Value) (any, error) {
	k, ok := v.(starlark.String)
	if !ok || !op.IsIdent(string(k)) {
		return nil, c.errorf("key must name one column of the query's result, not %s", v)
	}
	return string(k), nil
}

// convertElemType reads the type of array() and references(): a type
// name or array(), not a reference.
func convertElemType(c *call, param string, v starlark.Value) (any, error) {
	if _, ok := v.(*refValue); ok {
		return nil, c.badType(param, "a type name or array()", v)
	}
	return c.toType(param, v)
}

// convertColumnName reads timestamps' inserted_at and updated_at: the
// column's name, or False to leave the column out (nil).
func convertColumnName(c *call, param string, v starlark.Value) (any, error) {
	switch v := v.(type) {
	case starlark.String:
		s := string(v)
		return &s, nil
	case starlark.Bool:
		if v {
			return nil, c.errorf("for parameter %s: want a column name or False, got True", param)
		}
		return (*string)(nil), nil
	}
	return nil, c.badType(param, "a column name or False", v)
}

// convertWith reads references(with_=): the extra column pairs of a
// composite key, in the dict's order.
func convertWith(c *call, param string, v starlark.Value) (any, error) {
	d, ok := v.(*starlark.Dict)
	if !ok {
		return nil, c.badType(param, "dict of column pairs {\"column\": \"referenced_column\"}", v)
	}
	var out []op.ColumnPair
	for _, kv := range d.Items() {
		k, ok1 := kv[0].(starlark.String)
		r, ok2 := kv[1].(starlark.String)
		if !ok1 || !ok2 {
			return nil, c.errorf("for parameter %s: entry %s: %s: want string keys and values", param, kv[0], kv[1])
		}
		out = append(out, op.ColumnPair{Column: string(k), Ref: string(r)})
	}
	return out, nil
}

func convertMatch(c *call, param string, v starlark.Value) (any, error) {
	s, ok := v.(starlark.String)
	if !ok {
		return nil, c.badType(param, "string", v)
	}
	if !contains(op.MatchTypes(), string(s)) {
		return nil, c.errorf("for parameter %s: got %q, want %s", param, string(s), joinOr(op.MatchTypes()))
	}
	return string(s), nil
}

// convertMode reads a drop's mode: "restrict", the database's default, is
// recorded as "".
func convertMode(c *call, param string, v starlark.Value) (any, error) {
	s, ok := v.(starlark.String)
	if !ok {
		return nil, c.badType(param, "string", v)
	}
	switch string(s) {
	case op.ModeRestrict:
		return "", nil
	case op.ModeCascade:
		return op.ModeCascade, nil
	}
	return nil, c.errorf("for parameter %s: got %q, want %q or %q", param, string(s), op.ModeRestrict, op.ModeCascade)
}

// code is one side of execute(): SQL, or a function and its name.
type code struct {
	code op.Code
	fn   *starlark.Function
}

func convertCode(c *call, param string, v starlark.Value) (any, error) {
	oc, fn, err := c.code(param, v)
	return code{code: oc, fn: fn}, err
}

// convertList reads a list (or tuple) of values.
func convertList(c *call, param string, v starlark.Value) (any, error) {
	seq, ok := v.(starlark.Sequence)
	if !ok {
		return nil, c.badType(param, "list", v)
	}
	var out starlark.Tuple
	for x := range starlark.Elements(seq) {
		out = append(out, x)
	}
	return out, nil
}

// joinQuoted renders list as "a", "b", "c".
func joinQuoted(list []string) string {
	out := ""
	for i, s := range list {
		if i > 0 {
			out += ", "
		}
		out += "\"" + s + "\""
	}
	return out
}

// joinOr renders list as "a", "b" or "c".
func joinOr(list []string) string {
	if len(list) < 2 {
		return joinQuoted(list)
	}
	return joinQuoted(list[:len(list)-1]) + " or \"" + list[len(list)-1] + "\""
}

// codeList renders list for Markdown: `"a"`, `"b"`.
func codeList(list []string) string {
	out := ""
	for i, s := range list {
		if i > 0 {
			out += ", "
		}
		out += "`\"" + s + "\"`"
	}
	return out
}

// orList renders list for Markdown: `"a"`, `"b"` or `"c"`.
func orList(list []string) string {
	return codeList(list[:len(list)-1]) + " or " + codeList(list[len(list)-1:])
}

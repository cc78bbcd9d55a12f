package op

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
)

// Log is an operation log: ops in the order they were recorded. It
// marshals to canonical JSON, an array of objects each starting with its
// kind: [{"op":"create_table","pos":{...},...}, ...].
type Log []Op

// MarshalJSON encodes the log canonically: one object per op, "op" first,
// then the op's fields in declaration order.
func (l Log) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i, o := range l {
		if i > 0 {
			buf.WriteByte(',')
		}
		body, err := json.Marshal(o)
		if err != nil {
			return nil, fmt.Errorf("encode %s op: %w", o.Kind(), err)
		}
		fmt.Fprintf(&buf, `{"op":%q`, o.Kind())
		if len(body) > 2 { // body is "{...}"; splice its fields after "op"
			buf.WriteByte(',')
			buf.Write(body[1:])
		} else {
			buf.WriteByte('}')
		}
	}
	buf.WriteByte(']')
	return buf.Bytes(), nil
}

// UnmarshalJSON decodes a log written by MarshalJSON. Unknown kinds and
// unknown fields are errors: a stored log that this version of lark cannot
// read exactly must not be half-understood. Each op is completed with
// [Resolve] and checked with [Check], so a log stored without a default
// means what it meant when it was applied, and a value no dialect can
// translate is refused here. An index stored without a name is named by
// [LegacyIndexName], the rule of the lark that applied it.
func (l *Log) UnmarshalJSON(data []byte) error {
	var raws []json.RawMessage
	if err := json.Unmarshal(data, &raws); err != nil {
		return fmt.Errorf("decode operation log: %w", err)
	}
	out := make(Log, 0, len(raws))
	for i, raw := range raws {
		var head struct {
			Op string `json:"op"`
		}
		if err := json.Unmarshal(raw, &head); err != nil {
			return fmt.Errorf("decode operation %d: %w", i, err)
		}
		newOp, ok := kinds[head.Op]
		if !ok {
			return fmt.Errorf("decode operation %d: unknown kind %q", i, head.Op)
		}
		o := newOp()
		if err := decodeStrict(raw, o); err != nil {
			return fmt.Errorf("decode operation %d (%s): %w", i, head.Op, err)
		}
		// A log written by an earlier lark may leave defaults out; fill
		// them as the builtins do today, so it plans as it always did.
		// Index names are the exception (see resolveStoredIndexes).
		resolveStoredIndexes(o)
		Resolve(o)
		if err := Check(o); err != nil {
			return fmt.Errorf("decode operation %d (%s): %w", i, head.Op, err)
		}
		out = append(out, o)
	}
	*l = out
	return nil
}

// resolveStoredIndexes names the indexes of a stored op that has none
// with the rule lark had before it followed Ecto's ([LegacyIndexName]).
// Every lark has recorded an index's name in its log, and this one always
// does, so a stored index without one can only come from a log written
// before the rule changed, by a lark that named the index with the old
// rule when it applied it: the name that rolls back the index it made.
// An index stored with its name keeps it, whatever rule made it.
func resolveStoredIndexes(o Op) {
	var ix *Index
	switch o := o.(type) {
	case *CreateIndex:
		ix = &o.Index
	case *DropIndex:
		ix = &o.Index
	case *Execute:
		for _, inner := range o.Ops {
			resolveStoredIndexes(inner)
		}
	}
	if ix != nil && ix.Name == "" && len(ix.Columns) > 0 {
		ix.Name = LegacyIndexName(ix.Table, ix.Columns)
	}
}

// decodeStrict decodes an op object, refusing unknown fields but allowing
// the "op" tag that MarshalJSON adds.
func decodeStrict(raw []byte, o Op) error {
	// Fast path: a log written by MarshalJSON starts each object with
	// {"op":"kind", so dropping that prefix leaves the op's own fields.
	head := `{"op":"` + o.Kind() + `"`
	if rest, ok := bytes.CutPrefix(raw, []byte(head)); ok {
		var body []byte
		switch {
		case bytes.HasPrefix(rest, []byte(",")):
			body = append([]byte("{"), rest[1:]...)
		case bytes.HasPrefix(rest, []byte("}")):
			body = []byte("{}")
		}
		if body != nil {
			dec := json.NewDecoder(bytes.NewReader(body))
			dec.DisallowUnknownFields()
			return dec.Decode(o)
		}
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return err
	}
	delete(fields, "op")
	rest, err := json.Marshal(fields)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(rest))
	dec.DisallowUnknownFields()
	return dec.Decode(o)
}

// Count returns how many ops an encoded log holds, without decoding them:
// what `lark status` needs of each applied migration.
func Count(data []byte) (int, error) {
	var raws []json.RawMessage
	if err := json.Unmarshal(data, &raws); err != nil {
		return 0, fmt.Errorf("decode operation log: %w", err)
	}
	return len(raws), nil
}

// Marshal encodes a log; it is json.Marshal(l) spelled for readers.
func Marshal(l Log) ([]byte, error) { return l.MarshalJSON() }

// Unmarshal decodes a log.
func Unmarshal(data []byte) (Log, error) {
	var l Log
	err := l.UnmarshalJSON(data)
	return l, err
}

func sortStrings(s []string) { sort.Strings(s) }

package conformance_test

import (
	"testing"

	"github.com/larkdb/lark/internal/testdb"
)

// TestMain makes the tests' PostgreSQL databases ahead and drops them in
// the background (see testdb.Main).
func TestMain(m *testing.M) { testdb.Main(m) }

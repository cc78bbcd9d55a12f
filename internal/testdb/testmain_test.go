package testdb

import "testing"

// TestMain runs this package's tests the way the other packages run
// theirs: with Main.
func TestMain(m *testing.M) { Main(m) }

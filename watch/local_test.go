package watch

import (
	"errors"
	"testing"
)

func TestCheckLocal(t *testing.T) {
	t.Setenv("PGHOST", "")
	tests := []struct {
		url   string
		local bool
		host  string // the host a refusal names
	}{
		{"sqlite:lark.db", true, ""},
		{"file:/tmp/dev.db", true, ""},
		{"sqlite://remote.example.com/x.db", true, ""}, // a path, whatever it looks like
		{"postgres://postgres@localhost:5432/app", true, ""},
		{"postgres://postgres@LOCALHOST/app", true, ""},
		{"postgres://127.0.0.1/app?sslmode=disable", true, ""},
		{"postgres://127.0.0.2:5433/app", true, ""},
		{"postgres://[::1]:5432/app", true, ""},
		{"postgresql://u:p%40ss@localhost/app", true, ""},
		{"postgres:///app", true, ""},
		{"postgres:///app?host=/var/run/postgresql", true, ""},
		{"postgres://%2Fvar%2Frun%2Fpostgresql/app", true, ""},
		{"postgres://localhost:5432,127.0.0.1:5433/app", true, ""},
		{"postgres://db.example.com/app", false, "db.example.com"},
		{"postgres://user:secret@10.0.0.5:5432/app", false, "10.0.0.5"},
		{"postgres://localhost,db.example.com/app", false, "db.example.com"},
		{"postgres://localhost/app?host=db.example.com", false, "db.example.com"},
		{"postgres://db.example.com/app?host=/tmp", true, ""},
		{"postgres://[2001:db8::1]:5432/app", false, "2001:db8::1"},
	}
	for _, tt := range tests {
		err := CheckLocal(tt.url)
		var re *RemoteError
		switch {
		case tt.local && err != nil:
			t.Errorf("CheckLocal(%q) = %v, want local", tt.url, err)
		case !tt.local && !errors.As(err, &re):
			t.Errorf("CheckLocal(%q) = %v, want a *RemoteError", tt.url, err)
		case !tt.local && re.Host != tt.host:
			t.Errorf("CheckLocal(%q) names host %q, want %q", tt.url, re.Host, tt.host)
		}
	}
}

// TestCheckLocalPGHOST checks that a URL without a host takes PGHOST, as
// pgx does.
func TestCheckLocalPGHOST(t *testing.T) {
	t.Setenv("PGHOST", "db.example.com")
	if err := CheckLocal("postgres:///app"); err == nil {
		t.Error("postgres:///app with PGHOST=db.example.com is local, want refused")
	}
	if err := CheckLocal("postgres://localhost/app"); err != nil {
		t.Errorf("an explicit localhost is refused: %v", err)
	}
}

func TestCheckLocalBadURL(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"no-scheme", "mysql://localhost/x"} {
		if err := CheckLocal(u); err == nil {
			t.Errorf("CheckLocal(%q) = nil, want an error", u)
		}
	}
}

package postgres

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"

	"github.com/larkdb/lark/dialect"
)

// Local returns nil when the URL names a database on this machine:
// PostgreSQL on localhost, a loopback address or a unix socket (a host that
// is a path, or no host at all, which libpq and pgx take as the default
// socket unless PGHOST says otherwise). Otherwise it returns a
// *[dialect.RemoteError]. Every host of a multi-host URL must be local,
// and a host= query parameter counts as pgx counts it: instead of the
// URL's hosts.
func (Connector) Local(t dialect.Target) error {
	_, rest, _ := strings.Cut(t.URL, ":")
	hosts, err := hostsOf(rest)
	if err != nil {
		return err
	}
	for _, h := range hosts {
		if !localHost(h) {
			return &dialect.RemoteError{Host: h}
		}
	}
	return nil
}

// hostsOf returns the hosts of the part of a postgres URL after
// "postgres:". It parses the authority itself, since net/url does not
// accept libpq's comma-separated host lists.
func hostsOf(rest string) ([]string, error) {
	rest = strings.TrimPrefix(rest, "//")
	authority, tail := rest, ""
	if i := strings.IndexAny(rest, "/?"); i >= 0 {
		authority, tail = rest[:i], rest[i:]
	}
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		authority = authority[i+1:]
	}
	var hosts []string
	if _, query, ok := strings.Cut(tail, "?"); ok {
		q, err := url.ParseQuery(query)
		if err != nil {
			return nil, fmt.Errorf("database URL: %w", err)
		}
		if h := q.Get("host"); h != "" {
			authority = "" // host= wins over the URL's hosts, as in pgx
			hosts = splitHosts(h)
		}
	}
	for _, hp := range splitHosts(authority) {
		hosts = append(hosts, stripPort(hp))
	}
	if len(hosts) == 0 {
		hosts = splitHosts(os.Getenv("PGHOST"))
	}
	return hosts, nil
}

func splitHosts(s string) []string {
	var out []string
	for _, h := range strings.Split(s, ",") {
		if h = strings.TrimSpace(h); h != "" {
			out = append(out, h)
		}
	}
	return out
}

// stripPort removes ":port" from "host:port" and the brackets of
// "[::1]:5432".
func stripPort(hp string) string {
	if h, _, err := net.SplitHostPort(hp); err == nil {
		return h
	}
	return strings.Trim(hp, "[]")
}

// localHost reports whether h is this machine: localhost, a loopback
// address, or a unix socket directory.
func localHost(h string) bool {
	if u, err := url.PathUnescape(h); err == nil {
		h = u
	}
	if strings.HasPrefix(h, "/") {
		return true
	}
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

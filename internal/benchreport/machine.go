package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

// machine describes where the benchmarks ran, for the report's header.
func machine(ctx context.Context) [][2]string {
	return [][2]string{
		{"CPU", cpuModel()},
		{"CPUs (nproc)", fmt.Sprint(runtime.NumCPU())},
		{"Memory", memTotal()},
		{"OS/arch", runtime.GOOS + "/" + runtime.GOARCH},
		{"Go", runtime.Version()},
		{"PostgreSQL", postgresVersion(ctx)},
		{"SQLite", sqliteVersion(ctx)},
	}
}

// cpuModel reads the first "model name" from /proc/cpuinfo.
func cpuModel() string {
	return procField("/proc/cpuinfo", "model name")
}

// memTotal reads MemTotal from /proc/meminfo and prints it in GiB.
func memTotal() string {
	v := procField("/proc/meminfo", "MemTotal")
	var kb int64
	if _, err := fmt.Sscanf(v, "%d kB", &kb); err != nil {
		return v
	}
	return fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
}

// procField returns the value of the first "key: value" line in a /proc file.
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

func postgresVersion(ctx context.Context) string {
	return queryVersion(ctx, "pgx", adminURL(), "SHOW server_version")
}

func sqliteVersion(ctx context.Context) string {
	return queryVersion(ctx, "sqlite", ":memory:", "SELECT sqlite_version()") + " (modernc.org/sqlite)"
}

func queryVersion(ctx context.Context, driver, dsn, q string) string {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return "unavailable: " + err.Error()
	}
	defer db.Close()
	var v string
	if err := db.QueryRowContext(ctx, q).Scan(&v); err != nil {
		return "unavailable: " + err.Error()
	}
	return v
}

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/larkdb/lark/connect"
	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/internal/suggest"
)

// configFile is read from the working directory when present. Its keys
// are the long flag names; flags and DATABASE_URL win over it:
//
//	{"database": "postgres://localhost/app_dev", "dir": "db/migrations",
//	 "table": "schema_migrations", "prefix": "", "log_sql": false, "allow_drift": false}
const configFile = "lark.json"

// config is lark's settings after flags, environment and lark.json.
type config struct {
	Database   string `json:"database"`
	Dir        string `json:"dir"`
	Table      string `json:"table"`
	Prefix     string `json:"prefix"`
	LogSQL     bool   `json:"log_sql"`
	AllowDrift bool   `json:"allow_drift"`
	JSON       bool   `json:"-"`
	ConfigPath string `json:"-"`

	// origin maps a setting taken from the config file to the file's
	// path, so that a message about it can say where it was set.
	origin map[string]string
}

// configKeys are the keys a config file may have, in the order of config.
var configKeys = func() []string {
	var keys []string
	t := reflect.TypeFor[config]()
	for i := range t.NumField() {
		if k := t.Field(i).Tag.Get("json"); k != "" && k != "-" {
			keys = append(keys, k)
		}
	}
	return keys
}()

// load fills in what the flags left unset from DATABASE_URL, lark.json
// and the defaults.
func (a *app) load(cmd *cobra.Command) error {
	path, explicit := a.cfg.ConfigPath, a.cfg.ConfigPath != ""
	if !explicit {
		path = configFile
	}
	var file config
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		if file, err = parseConfig(path, data); err != nil {
			return err
		}
	case explicit || !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("read config: %w", err)
	}
	flags := cmd.Flags()
	a.cfg.origin = map[string]string{}
	pick := func(name string, flag *string, env, fromFile, def string) {
		switch {
		case flags.Changed(name):
		case env != "":
			*flag = env
		case fromFile != "":
			*flag = fromFile
			a.cfg.origin[name] = path
		default:
			*flag = def
		}
	}
	pick("database", &a.cfg.Database, os.Getenv("DATABASE_URL"), file.Database, connect.DefaultURL)
	pick("dir", &a.cfg.Dir, "", file.Dir, "migrations")
	pick("table", &a.cfg.Table, "", file.Table, engine.DefaultTable)
	pick("prefix", &a.cfg.Prefix, "", file.Prefix, "")
	if !flags.Changed("log-sql") {
		a.cfg.LogSQL = file.LogSQL
	}
	if !flags.Changed("allow-drift") {
		a.cfg.AllowDrift = file.AllowDrift
	}
	return nil
}

// parseConfig reads the config file at path. It is strict: a key lark does
// not know is an error naming it, since a misspelt key would otherwise fall
// back to a default without a word ({"databse": ...} would use lark.db).
func parseConfig(path string, data []byte) (config, error) {
	var c config
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return c, fmt.Errorf("%s: want a JSON object of settings, e.g. {\"dir\": \"db/migrations\"}", path)
		}
		return c, fmt.Errorf("%s: %w", path, err)
	}
	for _, k := range fileOrder(data) {
		if _, ok := raw[k]; !ok || slices.Contains(configKeys, k) {
			continue
		}
		msg := fmt.Sprintf("%s: unknown key %q", path, k)
		if n := suggest.Nearest(k, configKeys); n != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", n)
		}
		return c, fmt.Errorf("%s\n    valid keys: %s", msg, strings.Join(configKeys, ", "))
	}
	if err := json.Unmarshal(data, &c); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Type != nil {
			want := "a string"
			if te.Type.Kind() == reflect.Bool {
				want = "true or false"
			}
			return c, fmt.Errorf("%s: %q must be %s, not a %s", path, te.Field, want, te.Value)
		}
		return c, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// fileOrder returns the top-level keys of the JSON object data in the
// order they appear, so that the first unknown key is the one reported.
func fileOrder(data []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		k, _ := tok.(string)
		keys = append(keys, k)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			break
		}
	}
	return keys
}

// setting names a setting and its value for a message, as the user gave
// it: `--prefix "app"` or `"prefix": "app" in lark.json`.
func (c config) setting(name, value string) string {
	if path := c.origin[name]; path != "" {
		return fmt.Sprintf("%q: %q in %s", name, value, path)
	}
	return fmt.Sprintf("--%s %q", name, value)
}

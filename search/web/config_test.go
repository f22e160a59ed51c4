package web

import (
	"strings"
	"testing"
)

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Config)
		want string // the error, lines joined with " | "; "" for valid
	}{
		{"defaults", func(*Config) {}, ""},
		{"zero value takes defaults", func(c *Config) { *c = Config{} }, ""},
		{"origins", func(c *Config) {
			c.AllowedOrigins = []string{"https://www.city.kiryu.lg.jp", "*", "http://localhost:3000"}
		}, ""},
		{"bad origins", func(c *Config) {
			c.AllowedOrigins = []string{"www.city.kiryu.lg.jp", "https://www.city.kiryu.lg.jp/page", "ftp://x"}
		}, `AllowedOrigins: "www.city.kiryu.lg.jp" is not an origin: want scheme://host[:port] with http or https, or * | ` +
			`AllowedOrigins: "https://www.city.kiryu.lg.jp/page" is not an origin: want scheme://host[:port] with http or https, or * | ` +
			`AllowedOrigins: "ftp://x" is not an origin: want scheme://host[:port] with http or https, or *`},
		{"negative rate", func(c *Config) { c.RateLimit = -1 },
			"RateLimit and RateBurst must not be negative (got -1, 200)"},
		{"negative suggestion rate", func(c *Config) { c.SuggestRateBurst = -1 },
			"SuggestRateLimit and SuggestRateBurst must not be negative (got 100, -1)"},
		{"pages", func(c *Config) { c.DefaultHitsPerPage, c.MaxHitsPerPage, c.MaxResultWindow = 50, 20, 10 },
			"DefaultHitsPerPage (50) exceeds MaxHitsPerPage (20) | MaxHitsPerPage (20) exceeds MaxResultWindow (10)"},
		{"negative", func(c *Config) { c.MaxURLBytes, c.ShutdownTimeout = -5, -1 },
			"MaxURLBytes must not be negative (got -5) | ShutdownTimeout must not be negative (got -1ns)"},
		{"base URL", func(c *Config) { c.BaseURL = "search.example.jp" },
			`BaseURL: "search.example.jp" is not an absolute http or https URL`},
	}
	for _, tt := range tests {
		cfg := DefaultConfig()
		tt.edit(&cfg)
		got := ""
		if err := cfg.Validate(); err != nil {
			got = strings.ReplaceAll(err.Error(), "\n", " | ")
		}
		if got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

func TestRunRejectsBadConfig(t *testing.T) {
	cfg := DefaultConfig()
	cfg.AllowedOrigins = []string{"city.example"}
	err := NewServer(cfg, &fakeBackend{}, nil).Run(t.Context(), "127.0.0.1:0", nil)
	if err == nil || !strings.Contains(err.Error(), `AllowedOrigins: "city.example" is not an origin`) {
		t.Errorf("Run = %v", err)
	}
}

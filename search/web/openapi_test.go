package web

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
)

type openAPIDoc struct {
	OpenAPI string `json:"openapi"`
	Paths   map[string]map[string]struct {
		Parameters []struct {
			Name string `json:"name"`
			In   string `json:"in"`
		} `json:"parameters"`
	} `json:"paths"`
}

func loadOpenAPI(t *testing.T) openAPIDoc {
	t.Helper()
	var d openAPIDoc
	if err := json.Unmarshal(openAPI, &d); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(d.OpenAPI, "3.") {
		t.Fatalf("openapi = %q, want 3.x", d.OpenAPI)
	}
	return d
}

// TestOpenAPIMatchesRoutes checks that the document lists every route of
// the router and nothing else.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	d := loadOpenAPI(t)
	var documented []string
	for path, ops := range d.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	param := regexp.MustCompile(`:(\w+)`)
	var routed []string
	for _, r := range NewServer(DefaultConfig(), &fakeBackend{}, nil).echo.Routes() {
		routed = append(routed, r.Method+" "+param.ReplaceAllString(r.Path, "{$1}"))
	}
	slices.Sort(documented)
	slices.Sort(routed)
	if got, want := strings.Join(documented, "\n"), strings.Join(routed, "\n"); got != want {
		t.Errorf("openapi.json paths:\n%s\nrouter:\n%s", got, want)
	}
}

// TestOpenAPISearchParameters checks that /api/search and /api/search.csv
// document exactly the parameters parseSearch reads, and that every path
// parameter of a route is documented.
func TestOpenAPISearchParameters(t *testing.T) {
	d := loadOpenAPI(t)
	for _, path := range []string{"/api/search", "/api/search.csv"} {
		var names []string
		for _, p := range d.Paths[path]["get"].Parameters {
			names = append(names, p.Name)
		}
		if got, want := strings.Join(names, ","), strings.Join(searchParams, ","); got != want {
			t.Errorf("%s parameters\n got %s\nwant %s", path, got, want)
		}
	}
	for path, ops := range d.Paths {
		for _, m := range regexp.MustCompile(`\{(\w+)\}`).FindAllStringSubmatch(path, -1) {
			if !slices.ContainsFunc(ops["get"].Parameters, func(p struct {
				Name string `json:"name"`
				In   string `json:"in"`
			}) bool {
				return p.Name == m[1] && p.In == "path"
			}) {
				t.Errorf("%s: path parameter %s undocumented", path, m[1])
			}
		}
	}
}

package analyzers

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

func init() {
	for _, name := range []string{Morph, MorphQuery, Bigram, Reading, TextIndex} {
		if err := registry.RegisterAnalyzer(name, constructor(name)); err != nil {
			panic(fmt.Sprintf("analyzers: register %s: %v", name, err))
		}
	}
}

// constructor returns bleve's constructor for the named analyzer. The
// dictionaries load on the first call, not at program start.
func constructor(name string) registry.AnalyzerConstructor {
	return func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
		a, err := newAnalyzer(name)
		if err != nil {
			return nil, err
		}
		return a, nil
	}
}

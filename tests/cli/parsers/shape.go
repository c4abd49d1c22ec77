// Command shape parses Go files with go/parser and prints, per file, its syntax errors and the
// node kinds of each top-level declaration (comments, names and literal text left out).
//
// Output lines: "FILE <path>", "ERROR <message>", "DECL <kinds>".
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"strings"
)

func main() {
	for _, path := range os.Args[1:] {
		fmt.Printf("FILE %s\n", path)
		file, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.AllErrors)
		if list, ok := err.(scanner.ErrorList); ok {
			for _, e := range list {
				fmt.Printf("ERROR %d:%d: %s\n", e.Pos.Line, e.Pos.Column, oneLine(e.Msg))
			}
		} else if err != nil {
			fmt.Printf("ERROR %s\n", oneLine(err.Error()))
		}
		if file == nil {
			continue
		}
		for _, decl := range file.Decls {
			fmt.Printf("DECL %s\n", kinds(decl))
		}
	}
}

func kinds(node ast.Node) string {
	var seen []string
	ast.Inspect(node, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		kind := strings.TrimPrefix(fmt.Sprintf("%T", n), "*ast.")
		if lit, ok := n.(*ast.BasicLit); ok {
			kind += ":" + lit.Kind.String()
		}
		seen = append(seen, kind)
		return true
	})
	return strings.Join(seen, " ")
}

func oneLine(text string) string {
	return strings.Join(strings.Fields(text), " ")
}

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Parses Java files with javac's own parser (unicode escapes decoded first, as javac does) and
 * prints, per file, its syntax errors and the tree kinds of its package, each import and each
 * top-level type (comments, names and literal text left out).
 *
 * <p>Output lines: "FILE path", "ERROR message", "DECL kinds".
 */
public final class Shape {
  public static void main(String[] args) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      for (String path : args) {
        System.out.println("FILE " + path);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task =
            (JavacTask)
                javac.getTask(
                    null, files, diagnostics, List.of("-proc:none"), null,
                    files.getJavaFileObjects(path));
        Iterable<? extends CompilationUnitTree> units = task.parse();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
          if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
            String message = diagnostic.getMessage(null).replaceAll("\\s+", " ");
            System.out.println("ERROR " + diagnostic.getLineNumber() + ": " + message);
          }
        }
        for (CompilationUnitTree unit : units) {
          if (unit.getPackage() != null) {
            System.out.println("DECL " + kinds(unit.getPackage()));
          }
          for (Tree tree : unit.getImports()) {
            System.out.println("DECL " + kinds(tree));
          }
          for (Tree tree : unit.getTypeDecls()) {
            System.out.println("DECL " + kinds(tree));
          }
        }
      }
    }
  }

  private static String kinds(Tree tree) {
    List<String> seen = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree node, Void unused) {
        if (node != null) {
          seen.add(node.getKind().name());
        }
        return super.scan(node, unused);
      }
    }.scan(tree, null);
    return String.join(" ", seen);
  }
}

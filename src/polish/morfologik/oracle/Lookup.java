// Oracle for the TypeScript Morfologik reader (see ../oracle.test.ts).
//
// Reads one word per line from stdin (UTF-8) and prints, per line,
//   form<TAB>lemma|tags<TAB>lemma|tags...
// exactly as morfologik's DictionaryLookup returns them (just the form when
// unknown; a null stem or tag is printed as an empty string).
//
//   java Lookup                     uses morfologik.stemming.polish.PolishStemmer
//   java Lookup --dict x.dict       uses Dictionary.read(x.dict) (+ x.info)
//   java Lookup --compile x.txt     compiles x.txt (lines: lemma SEP form SEP tag,
//                                   + x.info) into a CFSA2 x.dict with
//                                   morfologik-tools' DictCompile, then exits
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import morfologik.stemming.Dictionary;
import morfologik.stemming.DictionaryLookup;
import morfologik.stemming.IStemmer;
import morfologik.stemming.WordData;

public final class Lookup {
  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--compile")) {
      compile(Paths.get(args[1]));
      return;
    }

    IStemmer stemmer;
    if (args.length == 2 && args[0].equals("--dict")) {
      stemmer = new DictionaryLookup(Dictionary.read(Paths.get(args[1])));
    } else if (args.length == 0) {
      stemmer = new morfologik.stemming.polish.PolishStemmer();
    } else {
      System.err.println("usage: Lookup [--dict file.dict | --compile file.txt]");
      System.exit(2);
      return;
    }

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
    StringBuilder sb = new StringBuilder();
    String line;
    while ((line = in.readLine()) != null) {
      sb.setLength(0);
      sb.append(line);
      List<WordData> results = stemmer.lookup(line);
      for (WordData wd : results) {
        CharSequence stem = wd.getStem();
        CharSequence tag = wd.getTag();
        sb.append('\t').append(stem == null ? "" : stem).append('|').append(tag == null ? "" : tag);
      }
      sb.append('\n');
      out.write(sb.toString());
    }
    out.flush();
  }

  private static void compile(Path input) throws Exception {
    // Through reflection, so that morfologik-tools (and its dependencies) are
    // needed on the class path only for this mode.
    // DictCompile(input, overwrite, validate, acceptBom, acceptCr, ignoreEmpty)
    Class<?> cls = Class.forName("morfologik.tools.DictCompile");
    Object tool = cls.getConstructor(Path.class, boolean.class, boolean.class, boolean.class, boolean.class, boolean.class)
        .newInstance(input, true, true, false, false, false);
    // Serialize as CFSA2 (the tool's default is FSA5), like the Polish dictionary.
    java.lang.reflect.Field format = cls.getDeclaredField("format");
    format.setAccessible(true);
    Class<?> formatCls = Class.forName("morfologik.tools.SerializationFormat");
    format.set(tool, formatCls.getField("CFSA2").get(null));
    Object status = cls.getMethod("call").invoke(tool);
    System.err.println("DictCompile: " + status);
    if (!String.valueOf(status).equals("SUCCESS")) System.exit(1);
  }
}

package dev.tradingevents.deployment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small reader of the LogQL the dashboards use: the stream selector's label matchers, the parsers
 * ({@code | json}), label filters, {@code unwrap}, {@code line_format} fields and {@code by (...)}
 * groupings. Not a full LogQL parser: enough to know which labels and fields a query needs, in order.
 */
final class LogQl {
  /** A label matcher or a label filter: {@code name op value}; {@code afterParser} for filters after {@code | json}. */
  record Matcher(String name, String op, String value, boolean afterParser) {
    boolean usesVariable() {
      return value.contains("$");
    }
  }

  /**
   * What a query needs.
   *
   * @param selector the stream selector's matchers
   * @param filters label filters in the order they apply
   * @param parsers the parser stages ({@code json}, {@code logfmt}, ...)
   * @param unwrapped fields given to {@code unwrap}
   * @param templateFields fields a {@code line_format} template reads
   * @param grouping labels of {@code by (...)} / {@code without (...)}
   */
  record Query(List<Matcher> selector, List<Matcher> filters, List<String> parsers, Set<String> unwrapped,
      Set<String> templateFields, Set<String> grouping) {
    boolean parsesJson() {
      return parsers.contains("json");
    }
  }

  private static final Pattern TOKEN = Pattern.compile(
      "\\s*(?:(?<string>\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`)"
          + "|(?<op>\\|=|\\|~|!=|=~|!~|==|>=|<=|=|>|<)"
          + "|(?<punct>[{}()\\[\\],|])"
          + "|(?<var>\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?)"
          + "|(?<word>[A-Za-z_][A-Za-z0-9_.]*)"
          + "|(?<number>[0-9][0-9.]*[a-z]*))");
  private static final Pattern TEMPLATE_FIELD = Pattern.compile("\\{\\{[^}]*?\\.([A-Za-z_][A-Za-z0-9_]*)[^}]*}}");
  private static final Set<String> PARSERS = Set.of("json", "logfmt", "regexp", "pattern", "unpack");

  private LogQl() {}

  static Query parse(String logql) {
    List<String> tokens = tokenize(logql);
    List<Matcher> selector = new ArrayList<>();
    List<Matcher> filters = new ArrayList<>();
    List<String> parsers = new ArrayList<>();
    Set<String> unwrapped = new LinkedHashSet<>();
    Set<String> templateFields = new LinkedHashSet<>();
    Set<String> grouping = new LinkedHashSet<>();
    boolean inSelector = false;
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (token.equals("{") && selector.isEmpty() && !inSelector) {
        inSelector = true;
      } else if (inSelector) {
        if (token.equals("}")) {
          inSelector = false;
        } else if (!token.equals(",")) {
          selector.add(new Matcher(token, tokens.get(i + 1), unquote(tokens.get(i + 2)), false));
          i += 2;
        }
      } else if (token.equals("|") && i + 1 < tokens.size()) {
        String stage = tokens.get(++i);
        if (PARSERS.contains(stage)) {
          parsers.add(stage);
        } else if (stage.equals("unwrap")) {
          unwrapped.add(tokens.get(++i));
        } else if (stage.equals("line_format")) {
          java.util.regex.Matcher fields = TEMPLATE_FIELD.matcher(unquote(tokens.get(++i)));
          while (fields.find()) {
            templateFields.add(fields.group(1));
          }
        } else if (isWord(stage) && i + 2 < tokens.size() && isComparison(tokens.get(i + 1))) {
          filters.add(new Matcher(stage, tokens.get(i + 1), unquote(tokens.get(i + 2)), !parsers.isEmpty()));
          i += 2;
          // chained filters: `| a="x" and b="y"` or `| a="x", b="y"`
          while (i + 3 < tokens.size() && (tokens.get(i + 1).equals(",") || tokens.get(i + 1).equals("and"))
              && isComparison(tokens.get(i + 3))) {
            filters.add(new Matcher(tokens.get(i + 2), tokens.get(i + 3), unquote(tokens.get(i + 4)), !parsers.isEmpty()));
            i += 4;
          }
        } else {
          throw new IllegalArgumentException("LogQl does not know the stage '| " + stage + "' in: " + logql);
        }
      } else if (token.equals("by") || token.equals("without")) {
        if (!tokens.get(i + 1).equals("(")) {
          throw new IllegalArgumentException("expected ( after " + token + " in: " + logql);
        }
        i += 2;
        while (!tokens.get(i).equals(")")) {
          if (!tokens.get(i).equals(",")) {
            grouping.add(tokens.get(i));
          }
          i++;
        }
      }
    }
    if (selector.isEmpty()) {
      throw new IllegalArgumentException("no stream selector in: " + logql);
    }
    return new Query(selector, filters, parsers, unwrapped, templateFields, grouping);
  }

  static List<String> tokenize(String logql) {
    List<String> tokens = new ArrayList<>();
    java.util.regex.Matcher matcher = TOKEN.matcher(logql);
    int position = 0;
    while (position < logql.length()) {
      if (!matcher.find(position) || matcher.start() != position) {
        throw new IllegalArgumentException("cannot read LogQL at '" + logql.substring(position) + "': " + logql);
      }
      position = matcher.end();
      for (String group : List.of("string", "op", "punct", "var", "word", "number")) {
        if (matcher.group(group) != null) {
          tokens.add(matcher.group(group));
        }
      }
      if (logql.substring(position).isBlank()) {
        break;
      }
    }
    return tokens;
  }

  private static boolean isWord(String token) {
    return token.matches("[A-Za-z_][A-Za-z0-9_]*");
  }

  private static boolean isComparison(String token) {
    return Set.of("=", "!=", "=~", "!~", "==", ">", "<", ">=", "<=").contains(token);
  }

  static String unquote(String token) {
    if (token.startsWith("`")) {
      return token.substring(1, token.length() - 1);
    }
    if (token.startsWith("\"")) {
      return token.substring(1, token.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return token;
  }
}

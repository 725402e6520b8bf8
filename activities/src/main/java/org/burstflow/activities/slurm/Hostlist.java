package org.burstflow.activities.slurm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slurm hostlists: {@code burst-[1-3,5]}, {@code a[01-03]b}, {@code x1,burst-[2-3]}, and several
 * bracket groups in one name ({@code r[1-2]n[01-02]}, expanded left to right). A range keeps the
 * width of its lower bound, as Slurm does: {@code [08-10]} is 08, 09, 10 and {@code [8-10]} is
 * 8, 9, 10. Commas and whitespace separate entries.
 */
public final class Hostlist {

  /** Slurm refuses ranges this large too; it also keeps a typo from filling the heap. */
  public static final int MAX_HOSTS = 65_536;

  private static final Pattern NAME_CHARS = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern RANGE = Pattern.compile("(\\d{1,18})(?:-(\\d{1,18}))?");
  private static final Pattern LAST_NUMBER = Pattern.compile("(.*?)(\\d+)([^\\d]*)");

  private Hostlist() {}

  public static List<String> expand(String hostlist) {
    if (hostlist == null) {
      throw new IllegalArgumentException("hostlist is null");
    }
    List<String> hosts = new ArrayList<>();
    for (String entry : splitTopLevel(hostlist)) {
      List<String> names = List.of("");
      int i = 0;
      while (i < entry.length()) {
        int open = entry.indexOf('[', i);
        String literal = open < 0 ? entry.substring(i) : entry.substring(i, open);
        checkLiteral(hostlist, literal);
        names = append(names, List.of(literal));
        if (open < 0) {
          break;
        }
        int close = entry.indexOf(']', open);
        if (close < 0) {
          throw malformed(hostlist, "'[' without ']'");
        }
        names = append(names, rangeValues(hostlist, entry.substring(open + 1, close)));
        i = close + 1;
      }
      hosts.addAll(names);
      if (hosts.size() > MAX_HOSTS) {
        throw malformed(hostlist, "more than " + MAX_HOSTS + " hosts");
      }
    }
    return hosts;
  }

  /**
   * The canonical hostlist of these names: sorted, without duplicates, consecutive numbers in
   * the last digit group of names that otherwise agree folded into ranges ({@code burst-[1-3,5]}).
   */
  public static String compress(List<String> hosts) {
    // prefix+suffix -> numbers present (text kept for its width), ordered by value then width
    Map<String, TreeSet<String>> numbered = new TreeMap<>();
    TreeSet<String> plain = new TreeSet<>();
    for (String host : hosts) {
      if (host == null || !NAME_CHARS.matcher(host).matches()) {
        throw new IllegalArgumentException("not a host name: '" + host + "'");
      }
      Matcher m = LAST_NUMBER.matcher(host);
      if (m.matches()) {
        numbered
            .computeIfAbsent(m.group(1) + "[" + m.group(3), k -> new TreeSet<>(BY_VALUE))
            .add(m.group(2));
      } else {
        plain.add(host);
      }
    }
    List<String> entries = new ArrayList<>(plain);
    numbered.forEach((key, numbers) -> entries.add(entry(key, numbers)));
    entries.sort(Comparator.naturalOrder());
    return String.join(",", entries);
  }

  private static final Comparator<String> BY_VALUE =
      Comparator.comparing((String n) -> new BigInteger(n)).thenComparing(String::length);

  private static String entry(String key, TreeSet<String> numbers) {
    int cut = key.indexOf('[');
    String prefix = key.substring(0, cut);
    String suffix = key.substring(cut + 1);
    if (numbers.size() == 1) {
      return prefix + numbers.first() + suffix;
    }
    List<String> ranges = new ArrayList<>();
    String first = null;
    String last = null;
    for (String n : numbers) {
      if (first != null && continues(first, last, n)) {
        last = n;
        continue;
      }
      if (first != null) {
        ranges.add(first.equals(last) ? first : first + "-" + last);
      }
      first = n;
      last = n;
    }
    ranges.add(first.equals(last) ? first : first + "-" + last);
    return prefix + "[" + String.join(",", ranges) + "]" + suffix;
  }

  /** n follows last in the range that starts at first, printed with first's width. */
  private static boolean continues(String first, String last, String n) {
    BigInteger next = new BigInteger(last).add(BigInteger.ONE);
    return new BigInteger(n).equals(next) && pad(next.toString(), first.length()).equals(n);
  }

  private static List<String> rangeValues(String hostlist, String ranges) {
    if (ranges.isEmpty() || ranges.contains("[")) {
      throw malformed(hostlist, "empty or nested brackets");
    }
    List<String> values = new ArrayList<>();
    for (String range : ranges.split(",", -1)) {
      Matcher m = RANGE.matcher(range);
      if (!m.matches()) {
        throw malformed(hostlist, "'" + range + "' is not N or N-M");
      }
      long lo = Long.parseLong(m.group(1));
      long hi = m.group(2) == null ? lo : Long.parseLong(m.group(2));
      if (hi < lo) {
        throw malformed(hostlist, "range " + range + " runs backwards");
      }
      if (hi - lo >= MAX_HOSTS) {
        throw malformed(hostlist, "range " + range + " has more than " + MAX_HOSTS + " hosts");
      }
      for (long v = lo; v <= hi; v++) {
        values.add(pad(Long.toString(v), m.group(1).length()));
      }
    }
    return values;
  }

  private static String pad(String digits, int width) {
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }

  private static List<String> append(List<String> heads, List<String> tails) {
    List<String> out = new ArrayList<>(heads.size() * tails.size());
    for (String h : heads) {
      for (String t : tails) {
        out.add(h + t);
      }
    }
    if (out.size() > MAX_HOSTS) {
      throw new IllegalArgumentException("hostlist expands to more than " + MAX_HOSTS + " hosts");
    }
    return out;
  }

  /** Entries separated by commas (outside brackets) or whitespace; no empty entries. */
  private static List<String> splitTopLevel(String hostlist) {
    List<String> pieces = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    for (char c : hostlist.toCharArray()) {
      if (c == '[') {
        depth++;
      } else if (c == ']' && --depth < 0) {
        throw malformed(hostlist, "']' without '['");
      }
      if (c == ',' && depth == 0) {
        pieces.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (depth != 0) {
      throw malformed(hostlist, "'[' without ']'");
    }
    pieces.add(current.toString());
    if (pieces.size() == 1 && pieces.get(0).isBlank()) {
      return List.of(); // an empty hostlist names no hosts
    }
    List<String> entries = new ArrayList<>();
    for (String piece : pieces) {
      if (piece.isBlank()) {
        throw malformed(hostlist, "empty entry between commas");
      }
      entries.addAll(List.of(piece.strip().split("\\s+")));
    }
    return entries;
  }

  private static void checkLiteral(String hostlist, String literal) {
    if (!literal.isEmpty() && !NAME_CHARS.matcher(literal).matches()) {
      throw malformed(hostlist, "'" + literal + "' has characters a host name cannot have");
    }
  }

  private static IllegalArgumentException malformed(String hostlist, String why) {
    return new IllegalArgumentException("malformed hostlist '" + hostlist + "': " + why);
  }
}

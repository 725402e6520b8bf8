package org.burstflow.activities.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What a report teaches about each detected cause: a two- or three-sentence lesson and a link to
 * documentation. Defaults come from {@code report/lessons.properties}; a site overrides either
 * per cause code (its own wiki, its own wording). AMD nodes get ROCm/HIP-specific wording where
 * the defaults have one and the site has not overridden the cause.
 */
public final class CauseLessons {

  /** @param link null when no documentation is configured for the cause */
  public record Lesson(String text, String link) {}

  private final Properties defaults;
  private final Map<String, String> lessonOverrides;
  private final Map<String, String> linkOverrides;

  public CauseLessons(Map<String, String> lessonOverrides, Map<String, String> linkOverrides) {
    this.defaults = load();
    this.lessonOverrides = lessonOverrides == null ? Map.of() : new HashMap<>(lessonOverrides);
    this.linkOverrides = linkOverrides == null ? Map.of() : new HashMap<>(linkOverrides);
  }

  /** The defaults only. */
  public static CauseLessons defaults() {
    return new CauseLessons(Map.of(), Map.of());
  }

  /** The lesson for a cause, or null when neither the defaults nor the site have one. */
  public Lesson lesson(String code, boolean amd) {
    String text = lessonOverrides.getOrDefault(code, pick(code + ".lesson", amd));
    String link = linkOverrides.getOrDefault(code, pick(code + ".link", amd));
    return text == null && link == null ? null : new Lesson(text, link);
  }

  /** A heading in plain words for a cause code; the code itself when there is none. */
  public String title(String code) {
    return defaults.getProperty(code + ".title", code);
  }

  private String pick(String key, boolean amd) {
    String amdValue = amd ? defaults.getProperty(key + ".amd") : null;
    return amdValue != null ? amdValue : defaults.getProperty(key);
  }

  private static Properties load() {
    try (InputStream in = CauseLessons.class.getResourceAsStream("/report/lessons.properties")) {
      if (in == null) {
        throw new IllegalStateException("/report/lessons.properties is not on the classpath");
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package org.burstflow.starter;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code burstflow history} and {@code burstflow insights}: the worker's read-only analysis views. */
final class HistoryCommands {

  private HistoryCommands() {}

  /** Shared options: whose jobs, over how long, and where the worker is. */
  abstract static class View implements Callable<Integer> {

    @Option(names = "--user", defaultValue = "${env:USER}", description = "Slurm user (default: you)")
    String user;

    @Option(names = "--days", defaultValue = "30", description = "how far back")
    int days;

    @Option(names = "--url", defaultValue = "${env:BURSTFLOW_URL:-http://127.0.0.1:8080}",
        description = "the burstflow worker")
    String url;

    abstract String path();

    String extraQuery() {
      return "";
    }

    @Override
    public Integer call() throws Exception {
      URI uri = URI.create(url + path() + "?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
          + "&days=" + days + extraQuery());
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        System.err.println(uri + " answered " + r.statusCode() + ": " + r.body());
        return 3;
      }
      System.out.println(Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(r.body())));
      return 0;
    }
  }

  @Command(name = "history", description = "Your analysed jobs, newest first (JSON).")
  static class History extends View {
    @Option(names = "--limit", defaultValue = "50", description = "at most this many jobs")
    int limit;

    @Override
    String path() {
      return "/api/v1/analysis/history";
    }

    @Override
    String extraQuery() {
      return "&limit=" + limit;
    }
  }

  @Command(name = "insights", description = "Trends over your history: classes, medians, waste, per-script patterns (JSON).")
  static class Insights extends View {
    @Override
    String path() {
      return "/api/v1/analysis/insights";
    }
  }
}

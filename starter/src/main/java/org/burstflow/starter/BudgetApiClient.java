package org.burstflow.starter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import picocli.CommandLine.Option;

/**
 * The worker's budget REST API as the {@code budget} commands use it: where it is, the API key,
 * and printing a response (JSON on stdout) or its ASBB error envelope (on stderr).
 */
class BudgetApiClient {

  /** Exit codes: the API refused the request, or could not be reached. */
  static final int API_ERROR = 1;
  static final int UNREACHABLE = 3;

  @Option(
      names = "--url",
      defaultValue = "${env:BURSTFLOW_URL:-http://127.0.0.1:8080}",
      description = "The burstflow worker (default: ${DEFAULT-VALUE}; env BURSTFLOW_URL).")
  String url;

  @Option(
      names = "--api-key",
      defaultValue = "${env:BURSTFLOW_API_KEY}",
      description = "API key (env BURSTFLOW_API_KEY). Reading needs any role; check/reconcile hook or admin; "
          + "recover admin.")
  String apiKey;

  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  PrintStream out = System.out;
  PrintStream err = System.err;

  int get(String path, Map<String, Object> query) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach((k, v) -> {
      if (v != null) {
        q.add(k + "=" + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
      }
    });
    return send(HttpRequest.newBuilder(uri(path + q)).GET());
  }

  int post(String path, Object body) {
    try {
      return send(HttpRequest.newBuilder(uri(path))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}"
              : json.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body))));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private URI uri(String path) {
    return URI.create(url.replaceAll("/+$", "") + path);
  }

  private int send(HttpRequest.Builder request) {
    if (apiKey == null || apiKey.isBlank()) {
      err.println("no API key: pass --api-key or set BURSTFLOW_API_KEY");
      return API_ERROR;
    }
    request.header("Authorization", "Bearer " + apiKey).timeout(Duration.ofSeconds(60));
    HttpResponse<String> response;
    try {
      response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
          .send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      err.println("cannot reach the burstflow worker at " + url + " (is it running? --url)");
      return UNREACHABLE;
    } catch (IOException e) {
      err.println("request to " + url + " failed: " + e.getMessage());
      return UNREACHABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return UNREACHABLE;
    }
    return print(response.statusCode(), response.body());
  }

  private int print(int status, String body) {
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (IOException e) {
      err.println("HTTP " + status + ": " + body);
      return API_ERROR;
    }
    JsonNode error = node == null ? null : node.get("error");
    if (status >= 400 || (error != null && error.isObject())) {
      String code = error != null && error.has("code") ? error.get("code").asText() : "HTTP_" + status;
      String message = error != null && error.has("message") ? error.get("message").asText() : body;
      String field = error != null && error.has("field") ? " (field " + error.get("field").asText() + ")" : "";
      err.println(code + ": " + message + field);
      return API_ERROR;
    }
    try {
      out.println(json.writeValueAsString(node));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return 0;
  }
}

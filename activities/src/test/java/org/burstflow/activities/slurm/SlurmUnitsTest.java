package org.burstflow.activities.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlurmUnitsTest {

  @ParameterizedTest
  @CsvSource({
    "1947276K, 1994010624",
    "1000M, 1048576000",
    "1.50G, 1610612736",
    "2T, 2199023255552",
    "1P, 1125899906842624",
    "0, 0",
    "512, 512"
  })
  void sizesAreBase1024AndBareNumbersAreBytes(String text, long bytes) {
    assertEquals(bytes, SlurmUnits.sizeInBytes("MaxRSS", text));
  }

  @Test
  void memoryAmountsWithoutSuffixAreMebibytes() {
    assertEquals(2000L * 1024 * 1024, SlurmUnits.memoryInBytes("mem", "2000"));
    assertEquals(64L << 30, SlurmUnits.memoryInBytes("mem", "64G"));
  }

  @Test
  void reqMemCarriesItsScope() {
    assertEquals(
        new MemoryRequest(4000L << 20, MemoryRequest.Per.CPU),
        SlurmUnits.memoryRequest("ReqMem", "4000Mc"));
    assertEquals(
        new MemoryRequest(191846L << 20, MemoryRequest.Per.NODE),
        SlurmUnits.memoryRequest("ReqMem", "191846Mn"));
    assertEquals(
        new MemoryRequest(32L << 30, MemoryRequest.Per.JOB),
        SlurmUnits.memoryRequest("ReqMem", "32G"));
    assertEquals(
        new MemoryRequest(0, MemoryRequest.Per.NODE), SlurmUnits.memoryRequest("ReqMem", "0n"));
  }

  @ParameterizedTest
  @CsvSource({
    "00:30:00, PT30M",
    "1-02:03:04, PT26H3M4S",
    "12-00:00:00, PT288H",
    "06:57.815, PT6M57.815S",
    "00:00.003, PT0.003S",
    "19:30, PT19M30S",
    "01:02:03.500, PT1H2M3.5S",
    "1-00, PT24H",
    "2-12:30, PT60H30M",
    "100:00:00, PT100H"
  })
  void durationsInEveryFormSlurmPrints(String text, Duration expected) {
    assertEquals(expected, SlurmUnits.duration("TotalCPU", text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"UNLIMITED", "Partition_Limit", "INVALID", "", "  "})
  void noLimitAndEmptyAreNull(String text) {
    assertNull(SlurmUnits.duration("Timelimit", text));
  }

  @Test
  void timestampsAreReadInTheClusterZone() {
    ZoneId helsinki = ZoneId.of("Europe/Helsinki");
    assertEquals(
        Instant.parse("2026-11-23T02:30:00Z"),
        SlurmUnits.timestamp("Start", "2026-11-23T04:30:00", helsinki));
    assertEquals(
        Instant.ofEpochSecond(1_790_000_000L),
        SlurmUnits.timestamp("End", "1790000000", ZoneOffset.UTC));
    assertNull(SlurmUnits.timestamp("End", "Unknown", helsinki));
    assertNull(SlurmUnits.timestamp("Start", "None", helsinki));
    assertNull(SlurmUnits.timestamp("Start", "", helsinki));
  }

  @Test
  void emptyIsNullEverywhere() {
    assertNull(SlurmUnits.sizeInBytes("MaxRSS", ""));
    assertNull(SlurmUnits.memoryRequest("ReqMem", null));
    assertNull(SlurmUnits.count("AllocCPUS", ""));
  }

  @ParameterizedTest
  @CsvSource({
    "MaxRSS, 12Q",
    "MaxRSS, -5K",
    "MaxRSS, 1.5.5G",
    "MaxRSS, 99999999999999999E",
    "ReqMem, 4000Mx",
    "Elapsed, 1:2:3:4",
    "Elapsed, 00:61:00",
    "Elapsed, 1-25:00:00",
    "Elapsed, 42",
    "Elapsed, soon",
    "Start, 2026-13-01T00:00:00",
    "AllocCPUS, four"
  })
  void garbageIsRejectedNamingFieldAndValue(String field, String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> readAs(field, text));
    assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
  }

  private static Object readAs(String field, String text) {
    return switch (field) {
      case "MaxRSS" -> SlurmUnits.sizeInBytes(field, text);
      case "ReqMem" -> SlurmUnits.memoryRequest(field, text);
      case "Elapsed" -> SlurmUnits.duration(field, text);
      case "Start" -> SlurmUnits.timestamp(field, text, ZoneOffset.UTC);
      default -> SlurmUnits.count(field, text);
    };
  }
}

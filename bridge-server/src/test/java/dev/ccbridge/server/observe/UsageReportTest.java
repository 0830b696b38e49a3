package dev.ccbridge.server.observe;

import dev.ccbridge.server.testing.Json;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link UsageReport} and {@link UsageQuery}: sums per group, costs per currency, credits only where reported,
 * filters by day and key, the table and the JSON, and the errors of a bad option.
 */
class UsageReportTest {

    private static final String ALICE = "key-aaaaaaaaaaaa";
    private static final String BOB = "key-bbbbbbbbbbbb";
    private static final List<UsageRecord> RECORDS = List.of(
            record("2026-03-01T09:00:00Z", ALICE, "s-1", "deepseek-v3", new int[] {100, 10, 1000, 50},
                    Map.of("used_model", "deepseek-v3", "credits", "12.5", "cost", "0.0031", "currency", "USD")),
            record("2026-03-01T10:00:00Z", ALICE, "s-1", "deepseek-v3", new int[] {200, 20, 0, 0},
                    Map.of("used_model", "deepseek-v3", "credits", "7.5", "cost", "0.0019", "currency", "USD")),
            record("2026-03-01T11:00:00Z", BOB, "s-2", "gpt-4o", new int[] {300, 30, 0, 0}, Map.of()),
            record("2026-03-02T09:00:00Z", ALICE, "s-3", "qwen-max", new int[] {400, 40, 0, 0},
                    Map.of("used_model", "qwen-max", "cost", "0.7", "currency", "CNY")),
            record("2026-03-02T09:30:00Z", ALICE, "s-3", "qwen-max", new int[] {0, 0, 0, 0},
                    Map.of("cost", "0.25")),
            UsageRecord.of(Exchanges.failed("2026-03-02T10:00:00Z", BOB, 503)));

    @Test
    void recordsAreSummedPerDayKeyAndModelByDefault() {
        JsonObject json = report(UsageQuery.parse(null, null, null, null)).toJson();

        assertEquals(Json.q("""
                {'since':null,'until':null,'key':null,'by':['day','key','model'],'rows':[
                 {'day':'2026-03-01','key':'key-aaaaaaaaaaaa','model':'deepseek-v3','requests':2,'errors':0,
                  'input_tokens':300,'output_tokens':30,'cache_read_tokens':1000,'cache_write_tokens':50,
                  'credits':20.0,'cost':{'USD':0.0050}},
                 {'day':'2026-03-01','key':'key-bbbbbbbbbbbb','model':'gpt-4o','requests':1,'errors':0,
                  'input_tokens':300,'output_tokens':30,'cache_read_tokens':0,'cache_write_tokens':0,
                  'credits':null,'cost':{}},
                 {'day':'2026-03-02','key':'key-aaaaaaaaaaaa','model':'qwen-max','requests':2,'errors':0,
                  'input_tokens':400,'output_tokens':40,'cache_read_tokens':0,'cache_write_tokens':0,
                  'credits':null,'cost':{'CNY':0.7,'unspecified':0.25}},
                 {'day':'2026-03-02','key':'key-bbbbbbbbbbbb','model':'m','requests':1,'errors':1,
                  'input_tokens':0,'output_tokens':0,'cache_read_tokens':0,'cache_write_tokens':0,
                  'credits':null,'cost':{}}],
                 'total':{'requests':6,'errors':1,'input_tokens':1000,'output_tokens':100,
                  'cache_read_tokens':1000,'cache_write_tokens':50,'credits':20.0,
                  'cost':{'CNY':0.7,'USD':0.0050,'unspecified':0.25}}}
                """), json);
    }

    @Test
    void aQueryKeepsItsDaysAndItsKeyAndGroupsAsAsked() {
        UsageReport report = report(UsageQuery.parse("2026-03-02", "2026-03-02", ALICE, "session,client-model"));

        JsonObject json = report.toJson();
        assertEquals(2, report.requests());
        assertEquals("2026-03-02", json.getString("since"));
        assertEquals(ALICE, json.getString("key"));
        assertEquals(1, json.getJsonArray("rows").size());
        JsonObject row = json.getJsonArray("rows").getJsonObject(0);
        assertEquals("s-3", row.getString("session"));
        assertEquals("claude-sonnet-4-5", row.getString("client-model"));
        assertEquals(400, row.getInt("input_tokens"));
    }

    @Test
    void theTableHasAColumnPerDimensionAndMetricAndATotalRow() {
        String table = report(UsageQuery.parse(null, null, null, "key")).table();

        assertEquals("""
                key               requests  errors  input  output  cache_read  cache_write  credits                        cost
                key-aaaaaaaaaaaa         4       0    700      70        1000           50       20  0.7 CNY + 0.005 USD + 0.25
                key-bbbbbbbbbbbb         2       1    300      30           0            0        -                           -
                total                    6       1   1000     100        1000           50       20  0.7 CNY + 0.005 USD + 0.25
                """, table);
    }

    @Test
    void aRecordWithoutAKeyOrSessionIsGroupedUnderADash() {
        UsageReport report = report(UsageQuery.parse(null, null, null, "key,session"));
        report.add(UsageRecord.of(Exchanges.answered("2026-03-03T00:00:00Z", null, null, "m", new int[] {1, 1, 0, 0},
                Map.of())));

        assertTrue(report.table().lines().anyMatch(line -> line.startsWith("-  ")), report.table());
    }

    @Test
    void badOptionsAreRefusedNamingWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UsageQuery.parse("March", null, null, null))
                .getMessage().startsWith("since must be a day such as"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> UsageQuery.parse("2026-03-02", "2026-03-01", null, null)).getMessage().contains("before"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UsageQuery.parse(null, null, null, "colour"))
                .getMessage().contains("cannot group usage by 'colour'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> UsageQuery.parse(null, null, "a-real-key-by-mistake", null)).getMessage()
                .contains("never the key itself"));
    }

    private static UsageReport report(UsageQuery query) {
        UsageReport report = new UsageReport(query);
        RECORDS.forEach(report::add);
        return report;
    }

    private static UsageRecord record(String time, String key, String session, String model, int[] tokens,
                                      Map<String, String> report) {
        return UsageRecord.of(Exchanges.answered(time, key, session, model, tokens, report));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NodaTime;
using StoreMonitor.Bench.Service;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>What a careless or hostile client found (issue #12), against the real host: each answer is a 4xx with problem details, never a 500.</summary>
[Collection(nameof(RobustnessFixture))]
public sealed class RobustnessApiTests(RobustnessFixture fixture)
{
    private HttpClient Client => fixture.Host.Client;

    private static string StoreUrl(string storeId, string suffix = "") => $"/stores/{Uri.EscapeDataString(storeId)}{suffix}";

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode expected, string? detailContains = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (detailContains is not null)
        {
            Assert.Contains(detailContains, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
        }
    }

    private Task<HttpResponseMessage> Trigger(string query = "", string? body = null, string? contentType = "application/json")
    {
        HttpContent? content = null;
        if (body is not null)
        {
            content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        return Client.PostAsync($"/trigger_report{query}", content);
    }

    private async Task<JsonElement> CompletedReportStatus(HttpResponseMessage triggered)
    {
        Assert.Equal(HttpStatusCode.Accepted, triggered.StatusCode);
        var reportId = JsonDocument.Parse(await triggered.Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString()!;
        var done = await fixture.Host.WaitForReportAsync(reportId);
        if (done.Content.Headers.ContentType?.MediaType == "text/csv")
        {
            return JsonDocument.Parse("{\"status\":\"Complete\"}").RootElement;
        }

        return JsonDocument.Parse(await done.Content.ReadAsStringAsync()).RootElement;
    }

    // Item 1: an over-long row is one rejected row, not the end of the file.
    [Fact]
    public async Task An_overlong_row_in_the_data_directory_is_rejected_and_the_rows_after_it_are_ingested()
    {
        var status = await fixture.Host.WaitForIngestionAsync();
        var polls = status.GetProperty("last_run").GetProperty("files").EnumerateArray()
            .Single(file => file.GetProperty("file").GetString()!.EndsWith("store_status.csv", StringComparison.Ordinal));
        var rejections = polls.GetProperty("first_rejections").EnumerateArray().Select(value => value.GetString()!).ToArray();

        Assert.Contains(rejections, rejection => rejection.EndsWith($"store_status.csv:{fixture.OverlongLine}: the row is longer than 1 MiB (1048576 bytes)", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/stores/g5")).StatusCode);
        Assert.Equal(JsonValueKind.Null, polls.GetProperty("error").ValueKind);
    }

    // Item 7: control characters in store ids.
    [Fact]
    public async Task A_store_id_with_a_control_character_is_rejected_at_ingestion_with_file_line_and_reason()
    {
        var status = await fixture.Host.WaitForIngestionAsync();
        var rejections = status.GetProperty("last_run").GetProperty("files").EnumerateArray()
            .SelectMany(file => file.GetProperty("first_rejections").EnumerateArray()).Select(value => value.GetString()!);

        Assert.Contains(rejections, rejection => rejection.EndsWith($"store_status.csv:{fixture.ControlCharacterLine}: store_id contains the control character U+0000", StringComparison.Ordinal));
    }

    // Item 2: the supported range of as_of, on every endpoint that takes one.
    public static TheoryData<string> OutOfRange => new()
    {
        "2999-01-24T12:00:00Z",
        "9999-12-31T23:59:59-14:00",
        "9999-12-31T23:59:59.999999999Z",
        "0001-01-01T00:00:00Z",
        "0001-01-01T00:00:00+14:00",
        "1899-12-31T23:59:59.999999999Z",
        "1900-01-01T00:00:00+00:01",
        "2200-01-01T00:00:00Z",
        "2199-12-31T23:00:00-14:00",
        "2262-04-11T23:47:16.854775808Z",
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task An_as_of_outside_the_supported_range_is_a_bad_request_everywhere(string asOf)
    {
        var query = "?as_of=" + Uri.EscapeDataString(asOf);

        await AssertProblem(await Trigger(query), HttpStatusCode.BadRequest, "outside the supported range");
        await AssertProblem(await Trigger(body: JsonSerializer.Serialize(new { as_of = asOf })), HttpStatusCode.BadRequest, "outside the supported range");
        await AssertProblem(await Client.GetAsync(StoreUrl("g5", "/timeline") + query), HttpStatusCode.BadRequest, "outside the supported range");
    }

    [Theory]
    [InlineData("1900-01-01T00:00:00Z")]
    [InlineData("1900-01-01T00:00:00-14:00")]
    [InlineData("2199-12-31T23:59:59.999999999Z")]
    [InlineData("2199-12-31T23:59:59+14:00")]
    public async Task Reports_and_timelines_at_the_edges_of_the_range_complete(string asOf)
    {
        var query = "?as_of=" + Uri.EscapeDataString(asOf);

        var report = await CompletedReportStatus(await Trigger(query));
        var timeline = await Client.GetAsync(StoreUrl("a/b", "/timeline") + query);

        Assert.Equal("Complete", report.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, timeline.StatusCode);
    }

    // Item 3: the 500s of the issue.
    [Theory]
    [InlineData("/stores/%20")]
    [InlineData("/stores/%20/timeline")]
    [InlineData("/stores/%09x")]
    [InlineData("/stores/x%20")]
    [InlineData("/stores/a%01b")]
    [InlineData("/stores/a%7Fb")]
    [InlineData("/stores/%2E")]
    // "/stores/%2E%2E" is not here: the server resolves it, as RFC 3986 says, to "/" (the dashboard), never a store.
    public async Task A_store_id_that_cannot_exist_is_a_bad_request(string url)
    {
        // Sent exactly as written: HttpClient would otherwise resolve "%2E" segments itself and never send them.
        var target = new Uri(Client.BaseAddress!.GetLeftPart(UriPartial.Authority) + url, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var response = await Client.GetAsync(target);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            await AssertProblem(response, HttpStatusCode.BadRequest);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("/timeline")]
    public async Task Store_ids_are_limited_to_256_bytes(string suffix)
    {
        await AssertProblem(await Client.GetAsync(StoreUrl(new string('é', 129), suffix)), HttpStatusCode.BadRequest, "at most 256 bytes");
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync(StoreUrl(new string('é', 128), suffix))).StatusCode);
    }

    [Fact]
    public async Task A_whitespace_store_id_cannot_be_deleted_either() =>
        await AssertProblem(await Client.DeleteAsync("/stores/%20"), HttpStatusCode.BadRequest, "not a store id");

    [Fact]
    public async Task A_31_MB_body_is_too_large()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"as_of\": \"" + new string(' ', 31_000_000) + "\"}"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        // As curl does for a large body: the server answers before the body is sent, instead of reading 31 MB.
        var request = new HttpRequestMessage(HttpMethod.Post, "/trigger_report") { Content = content };
        request.Headers.ExpectContinue = true;

        await AssertProblem(await Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "larger than 4194304 bytes");
    }

    [Fact]
    public async Task A_body_just_over_4_MiB_is_too_large_even_when_chunked()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"as_of\": \"2023-01-25T12:00:00Z\"" + new string(' ', 4 * 1024 * 1024) + "}")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/trigger_report") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        await AssertProblem(await Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task An_unhandled_exception_answers_500_problem_details_without_stack_or_message()
    {
        var response = await Client.GetAsync(RobustnessFixture.ThrowingPath);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(RobustnessFixture.SecretMessage, body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain(" at ", body);
        Assert.DoesNotContain(".cs:line", body);
    }

    // Item 4: ids with reserved characters are reachable.
    public static TheoryData<string> AwkwardIds => new(RobustnessFixture.AwkwardIds);

    [Theory]
    [MemberData(nameof(AwkwardIds))]
    public async Task A_store_id_with_reserved_characters_is_reachable_percent_encoded(string storeId)
    {
        var store = await Client.GetAsync(StoreUrl(storeId));
        var timeline = await Client.GetAsync(StoreUrl(storeId, "/timeline"));

        Assert.True(HttpStatusCode.OK == store.StatusCode, await store.Content.ReadAsStringAsync());
        Assert.Equal(storeId, JsonDocument.Parse(await store.Content.ReadAsStringAsync()).RootElement.GetProperty("store_id").GetString());
        Assert.Equal(2, JsonDocument.Parse(await store.Content.ReadAsStringAsync()).RootElement.GetProperty("poll_count").GetInt32());
        Assert.Equal(HttpStatusCode.OK, timeline.StatusCode);
        Assert.Equal(storeId, JsonDocument.Parse(await timeline.Content.ReadAsStringAsync()).RootElement.GetProperty("store_id").GetString());
    }

    [Fact]
    public async Task A_percent_sign_is_decoded_once()
    {
        // "x%2Fy" is stored as written; its URL is /stores/x%252Fy, and /stores/x%2Fy names the store "x/y".
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/stores/x%252Fy")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/stores/x%2Fy")).StatusCode);
    }

    // Item 5: the body of trigger_report is honoured or refused, never ignored.
    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain")]
    public async Task A_json_body_with_another_content_type_is_refused(string contentType) =>
        await AssertProblem(await Trigger(body: "{\"as_of\":\"2023-01-24T12:00:00Z\"}", contentType: contentType), HttpStatusCode.UnsupportedMediaType, "application/json");

    [Fact]
    public async Task A_json_body_without_a_content_type_is_honoured()
    {
        // Before any poll of the stores the delete tests remove, so the answer does not depend on test order.
        var asOf = Instant.FromUtc(2023, 1, 24, 9, 0);
        var triggered = await Trigger(body: "{\"as_of\":\"2023-01-24T09:00:00Z\"}", contentType: null);
        var reportId = JsonDocument.Parse(await triggered.Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString()!;

        var csv = await (await fixture.Host.WaitForReportAsync(reportId)).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Accepted, triggered.StatusCode);
        Assert.Equal(Encoding.UTF8.GetString(EngineReference.Compute(fixture.DataDirectory, asOf)), csv);
    }

    [Theory]
    [InlineData("?as_of=2023-01-24T12:00:00Z", "{\"as_of\":\"2023-01-24T13:00:00Z\"}", "in the query but")]
    [InlineData("", "{\"as_of\":\"\"}", "empty")]
    [InlineData("", "{\"as_of\":\"   \"}", "empty")]
    [InlineData("?as_of=", null, "empty")]
    [InlineData("?as_of=2023-01-24T12:00:00Z&as_of=2023-01-24T12:00:00Z", null, "more than once")]
    [InlineData("", "{\"as_of\":\"2023-01-24T12:00:00Z\",\"as_of\":\"2023-01-24T12:00:00Z\"}", "more than once")]
    [InlineData("", "{\"asOf\":\"2023-01-24T12:00:00Z\"}", "unknown property 'asOf'")]
    [InlineData("", "[\"2023-01-24T12:00:00Z\"]", "JSON object")]
    [InlineData("", "{\"as_of\":true}", "must be a string")]
    public async Task An_as_of_the_client_sent_is_never_ignored(string query, string? body, string detail) =>
        await AssertProblem(await Trigger(query, body), HttpStatusCode.BadRequest, detail);

    [Theory]
    [InlineData("", null)]
    [InlineData("", "")]
    [InlineData("", "  \n")]
    [InlineData("", "{}")]
    [InlineData("", "{\"as_of\":null}")]
    [InlineData("?as_of=2023-01-24T12:00:00Z", "{\"as_of\":\"2023-01-24T07:00:00-05:00\"}")]
    public async Task No_as_of_or_the_same_one_twice_is_accepted(string query, string? body) =>
        Assert.Equal(HttpStatusCode.Accepted, (await Trigger(query, body)).StatusCode);

    // Item 6: HEAD answers like GET, without a body.
    [Theory]
    [InlineData("/ingestion")]
    [InlineData("/stores/g5")]
    [InlineData("/stores/a%2Fb/timeline")]
    [InlineData("/stores/no-such-store")]
    [InlineData("/get_report?report_id=0123456789abcdef0123456789abcdef")]
    [InlineData("/get_report?report_id=nope")]
    public async Task Head_answers_like_get_without_a_body(string url)
    {
        var get = await Client.GetAsync(url);
        var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_on_a_complete_report_answers_its_headers()
    {
        var triggered = await Trigger("?as_of=2023-01-25T00:00:00Z");
        var reportId = JsonDocument.Parse(await triggered.Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString()!;
        await fixture.Host.WaitForReportAsync(reportId);

        var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/get_report?report_id={reportId}"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("Complete", head.Headers.GetValues("X-Report-Status").Single());
        Assert.Equal("text/csv", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    // Item 8: removing a store.
    [Fact]
    public async Task Deleting_a_store_removes_it_from_lookups_and_from_the_next_report()
    {
        using var reference = new TempDirectory();
        var expected = Encoding.UTF8.GetString(EngineReference.Compute(fixture.CopyWithout(reference, RobustnessFixture.DeletableIds)));
        var before = await Client.GetAsync(StoreUrl("del/1"));

        var deleted = await Client.DeleteAsync(StoreUrl("del/1"));
        var second = await Client.DeleteAsync(StoreUrl("del-2"));
        var again = await Client.DeleteAsync(StoreUrl("del/1"));
        var lookup = await Client.GetAsync(StoreUrl("del/1"));
        var timeline = await Client.GetAsync(StoreUrl("del/1", "/timeline"));
        var report = await (await fixture.Host.WaitForReportAsync(
            JsonDocument.Parse(await (await Trigger()).Content.ReadAsStringAsync()).RootElement.GetProperty("report_id").GetString()!)).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        await AssertProblem(again, HttpStatusCode.NotFound);
        await AssertProblem(lookup, HttpStatusCode.NotFound);
        await AssertProblem(timeline, HttpStatusCode.NotFound);
        // The report is the engine's over the data without the deleted stores, including its default time
        // (del/1 held the latest poll of all).
        Assert.DoesNotContain("del", report);
        Assert.Equal(expected, report);
    }

    [Fact]
    public async Task Deleting_a_store_that_never_existed_is_not_found() =>
        await AssertProblem(await Client.DeleteAsync(StoreUrl("never/was")), HttpStatusCode.NotFound);
}

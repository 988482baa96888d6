using System.Net;
using System.Text.Json;
using FluentAssertions;

namespace OpenDui.Tests.Commun;

/// <summary>Reads a 400 ValidationProblem as both hosts answer it (compiled into each test project).</summary>
public static class ProblemesHttp
{
    /// <summary>The French messages of one field of a 400 ValidationProblem, after checking that it is one.</summary>
    public static async Task<string[]> ErreursDuChamp(HttpResponseMessage rep, string champ)
    {
        var corps = await rep.Content.ReadAsStringAsync();
        rep.StatusCode.Should().Be(HttpStatusCode.BadRequest, corps);
        (rep.Content.Headers.ContentType?.MediaType).Should().Be("application/problem+json", corps);
        var pd = JsonDocument.Parse(corps).RootElement;
        pd.GetProperty("title").GetString().Should().NotContain("Bad Request").And.NotContain("One or more");
        pd.TryGetProperty("errors", out var erreurs).Should().BeTrue(corps);
        erreurs.TryGetProperty(champ, out var messages).Should().BeTrue($"the field {champ} is named in {corps}");
        return messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
    }
}

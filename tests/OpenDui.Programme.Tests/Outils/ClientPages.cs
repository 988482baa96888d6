using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;

namespace OpenDui.Programme.Tests.Outils;

/// <summary>A browser-like client of the console's pages: session cookie, antiforgery token read from the form,
/// redirects not followed so that tests see them.</summary>
public sealed partial class ClientPages(HttpClient http)
{
    public HttpClient Http => http;

    public static ClientPages Anonyme(HoteProgramme app) => new(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>A full sign-in: password, then the TOTP code (or the enrolment of the second factor at a first login).</summary>
    public static async Task<ClientPages> ConnecterAsync(HoteProgramme app, string login, string motDePasse = HoteProgramme.MotDePasse)
    {
        var c = Anonyme(app);
        var rep = await app.SecondFacteurAsync(c.Http, await c.ConnexionAsync(login, motDePasse), login);
        rep.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{login} should sign in: {await rep.Content.ReadAsStringAsync()}");
        return c;
    }

    /// <summary>Posts the login form; a success is a redirect, a refusal the form again with its error.</summary>
    public Task<HttpResponseMessage> ConnexionAsync(string login, string motDePasse = HoteProgramme.MotDePasse) =>
        PosterAsync("/Compte/Connexion", "/Compte/Connexion", new() { ["Login"] = login.Contains('@') ? login : $"{login}@test.invalid", ["MotDePasse"] = motDePasse });

    public async Task<string> PageAsync(string url)
    {
        var rep = await http.GetAsync(url);
        rep.StatusCode.Should().Be(HttpStatusCode.OK, url);
        return await rep.Content.ReadAsStringAsync();
    }

    public Task<HttpResponseMessage> GetAsync(string url) => http.GetAsync(url);

    /// <summary>Opens <paramref name="page"/> for its antiforgery token, then posts <paramref name="champs"/> to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PosterAsync(string page, string action, Dictionary<string, string> champs)
    {
        var html = await PageAsync(page);
        var jeton = Jeton().Match(html);
        jeton.Success.Should().BeTrue($"the form of {page} carries an antiforgery token");
        champs["__RequestVerificationToken"] = WebUtility.HtmlDecode(jeton.Groups[1].Value);
        return await http.PostAsync(action, new FormUrlEncodedContent(champs));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Jeton();
}

public static class ReponsesPages
{
    public static async Task<string> CorpsAsync(this HttpResponseMessage rep) => WebUtility.HtmlDecode(await rep.Content.ReadAsStringAsync());

    /// <summary>A page's success: the post-redirect-get to the page itself.</summary>
    public static async Task DoitRedirigerAsync(this HttpResponseMessage rep, string versPage)
    {
        rep.StatusCode.Should().Be(HttpStatusCode.Redirect, await rep.Content.ReadAsStringAsync());
        rep.Headers.Location!.ToString().Should().StartWith(versPage);
    }

    /// <summary>A refusal by a rule: the page again (200) with the French message in the error block.</summary>
    public static async Task DoitRefuserAsync(this HttpResponseMessage rep, string message)
    {
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        var corps = await rep.CorpsAsync();
        corps.Should().Contain("L'opération n'a pas été enregistrée").And.Contain(message);
    }

    public static void DoitEtreRefuseAuProfil(this HttpResponseMessage rep)
    {
        rep.StatusCode.Should().Be(HttpStatusCode.Redirect);
        rep.Headers.Location!.ToString().Should().Contain("/Compte/AccesRefuse");
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace OpenDui.Programme.Tests.Outils;

/// <summary>Page sessions (cookie) for HTTP tests: sign in through the login form, post forms with their antiforgery token.</summary>
public static partial class Sessions
{
    /// <summary>A client signed in through /Compte/Connexion (session cookie), redirects not followed.</summary>
    public static async Task<HttpClient> ClientPagesAsync(this HoteProgramme app, string login)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var formulaire = await client.GetStringAsync("/Compte/Connexion");
        var rep = await client.PostAsync("/Compte/Connexion", Formulaire(formulaire, ("Login", $"{login}@test.invalid"), ("MotDePasse", HoteProgramme.MotDePasse)));
        Assert.True(rep.StatusCode == HttpStatusCode.Redirect, $"sign-in of {login} failed: {(int)rep.StatusCode}");
        return client;
    }

    /// <summary>A form post carrying the antiforgery token found in <paramref name="html"/>.</summary>
    public static FormUrlEncodedContent Formulaire(string html, params (string Nom, string Valeur)[] champs)
    {
        var jeton = JetonRegex().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(jeton), "no antiforgery token in the page");
        return new FormUrlEncodedContent(champs.Select(c => new KeyValuePair<string, string>(c.Nom, c.Valeur))
            .Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(jeton))));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex JetonRegex();
}

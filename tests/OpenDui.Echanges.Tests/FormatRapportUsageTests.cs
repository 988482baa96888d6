using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using OpenDui.Echanges.RapportsUsage;
using Xunit;

namespace OpenDui.Echanges.Tests;

/// <summary>The signed usage-target report: what is signed verifies, anything altered or outside the profile is refused.</summary>
public sealed class FormatRapportUsageTests
{
    private static readonly DateTimeOffset Emission = new(2026, 4, 20, 8, 30, 0, TimeSpan.Zero);

    public static X509Certificate2 Certificat(bool ec = false, DateTimeOffset? debut = null, DateTimeOffset? fin = null, string nom = "Association Test Rhône")
    {
        var dn = new X500DistinguishedName($"CN=Signature rapports d'usage, O={nom}, C=FR");
        CertificateRequest req;
        if (ec) req = new CertificateRequest(dn, ECDsa.Create(ECCurve.NamedCurves.nistP256), HashAlgorithmName.SHA256);
        else req = new CertificateRequest(dn, RSA.Create(2048), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        return req.CreateSelfSigned(debut ?? new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), fin ?? new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    public static ContenuRapport Contenu(DateTimeOffset? emisLe = null) => new(Guid.NewGuid(), emisLe ?? Emission, "690000101", "690000001",
        new Periode(new DateOnly(2026, 1, 15), new DateOnly(2026, 4, 14)), new LogicielEmetteur("OpenDUI", "1.4.0"),
        [new MesureRapportee(CodesIndicateurs.DuiActif, 72, 80), new MesureRapportee(CodesIndicateurs.InsQualifiee, 50, 80)]);

    private static string B64(string json) => Base64UrlEncoder.Encode(json);
    private static string Json(string partie) => Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(partie));

    private static async Task<string> Refus(string jws)
    {
        var e = await FluentActions.Awaiting(() => FormatRapportUsage.VerifierAsync(jws)).Should().ThrowAsync<RapportUsageInvalideException>();
        return e.Which.Message;
    }

    [Theory]
    [InlineData(false, "RS256")]
    [InlineData(true, "ES256")]
    public async Task Un_rapport_signe_se_verifie_et_rend_son_contenu_et_son_certificat(bool ec, string alg)
    {
        using var cert = Certificat(ec);
        var contenu = Contenu();
        var jws = FormatRapportUsage.Signer(contenu, cert);

        var entete = JsonNode.Parse(Json(jws.Split('.')[0]))!;
        entete["alg"]!.GetValue<string>().Should().Be(alg);
        entete["typ"]!.GetValue<string>().Should().Be(FormatRapportUsage.TypeMedia);
        entete["x5c"]![0]!.GetValue<string>().Should().Be(Convert.ToBase64String(cert.RawData));
        entete["kid"]!.GetValue<string>().Should().Be(cert.Thumbprint);
        var charge = JsonNode.Parse(Json(jws.Split('.')[1]))!;
        charge["format"]!.GetValue<string>().Should().Be("opendui.rapport-usage");
        charge["version"]!.GetValue<string>().Should().Be("1.0");
        charge["periode"]!["debut"]!.GetValue<string>().Should().Be("2026-01-15");
        charge["emisLe"]!.GetValue<string>().Should().Be("2026-04-20T08:30:00Z");
        charge.AsObject().Select(p => p.Key).Should().NotContain(["iat", "exp", "nbf"], "the payload is the report, not a JWT");

        var v = await FormatRapportUsage.VerifierAsync(jws + "\n");
        v.Contenu.Id.Should().Be(contenu.Id);
        v.Contenu.FinessEt.Should().Be("690000101");
        v.Contenu.Periode.Should().Be(contenu.Periode);
        v.Contenu.EmisLe.Should().Be(Emission);
        v.Contenu.Indicateurs.Should().Equal(contenu.Indicateurs);
        v.Algorithme.Should().Be(alg);
        v.Empreinte.Should().Be(Convert.ToHexStringLower(SHA256.HashData(cert.RawData)));
    }

    [Fact]
    public async Task Un_rapport_signe_en_PS256_par_un_autre_logiciel_est_accepte()
    {
        using var cert = Certificat();
        var entete = B64($$"""{"alg":"PS256","typ":"{{FormatRapportUsage.TypeMedia}}","x5c":["{{Convert.ToBase64String(cert.RawData)}}"]}""");
        var charge = Base64UrlEncoder.Encode(JsonRapport.Ecrire(Contenu()));
        var signature = cert.GetRSAPrivateKey()!.SignData(Encoding.ASCII.GetBytes(entete + "." + charge), HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        var v = await FormatRapportUsage.VerifierAsync($"{entete}.{charge}.{Base64UrlEncoder.Encode(signature)}");
        v.Algorithme.Should().Be("PS256");
    }

    [Fact]
    public async Task Un_contenu_modifie_apres_signature_est_refuse()
    {
        using var cert = Certificat();
        var parties = FormatRapportUsage.Signer(Contenu(), cert).Split('.');
        var falsifie = Json(parties[1]).Replace("\"numerateur\":50", "\"numerateur\":70");
        falsifie.Should().Contain("\"numerateur\":70");
        (await Refus($"{parties[0]}.{B64(falsifie)}.{parties[2]}")).Should().Contain("signature invalide");
    }

    [Fact]
    public async Task Un_en_tete_modifie_ou_un_certificat_substitue_est_refuse()
    {
        using var cert = Certificat();
        using var autre = Certificat(nom: "Autre organisme");
        var parties = FormatRapportUsage.Signer(Contenu(), cert).Split('.');
        var entete = Json(parties[0]);
        var sansKid = JsonNode.Parse(entete)!.AsObject();
        sansKid.Remove("kid");
        (await Refus($"{B64(sansKid.ToJsonString())}.{parties[1]}.{parties[2]}")).Should().Contain("signature invalide");
        var substitue = entete.Replace(Convert.ToBase64String(cert.RawData), Convert.ToBase64String(autre.RawData));
        (await Refus($"{B64(substitue)}.{parties[1]}.{parties[2]}")).Should().Contain("signature invalide");
    }

    [Fact]
    public async Task Un_rapport_non_signe_alg_none_est_refuse()
    {
        using var cert = Certificat();
        var charge = Base64UrlEncoder.Encode(JsonRapport.Ecrire(Contenu()));
        var entete = B64($$"""{"alg":"none","typ":"{{FormatRapportUsage.TypeMedia}}","x5c":["{{Convert.ToBase64String(cert.RawData)}}"]}""");
        (await Refus($"{entete}.{charge}.")).Should().Contain("JWS compacte", "an empty signature part is not even a JWS of this profile");
        (await Refus($"{entete}.{charge}.AAAA")).Should().Contain("none");
    }

    [Fact]
    public async Task Un_rapport_signe_par_HMAC_est_refuse_meme_avec_une_signature_exacte()
    {
        using var cert = Certificat();
        var entete = B64($$"""{"alg":"HS256","typ":"{{FormatRapportUsage.TypeMedia}}","x5c":["{{Convert.ToBase64String(cert.RawData)}}"]}""");
        var charge = Base64UrlEncoder.Encode(JsonRapport.Ecrire(Contenu()));
        // The classic confusion: an HMAC keyed with the public certificate, which anyone holds.
        var mac = HMACSHA256.HashData(cert.RawData, Encoding.ASCII.GetBytes(entete + "." + charge));
        (await Refus($"{entete}.{charge}.{Base64UrlEncoder.Encode(mac)}")).Should().Contain("HS256").And.Contain("RS256, PS256 et ES256");
    }

    [Fact]
    public async Task Une_version_majeure_inconnue_est_refusee_et_les_champs_inconnus_d_une_version_mineure_sont_ignores()
    {
        using var cert = Certificat();
        string SignerJson(JsonObject charge)
        {
            var entete = B64($$"""{"alg":"RS256","typ":"{{FormatRapportUsage.TypeMedia}}","x5c":["{{Convert.ToBase64String(cert.RawData)}}"]}""");
            var c = B64(charge.ToJsonString());
            var sig = cert.GetRSAPrivateKey()!.SignData(Encoding.ASCII.GetBytes(entete + "." + c), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return $"{entete}.{c}.{Base64UrlEncoder.Encode(sig)}";
        }
        var base_ = JsonNode.Parse(JsonRapport.Ecrire(Contenu()))!.AsObject();

        var v2 = base_.DeepClone().AsObject();
        v2["version"] = "2.0";
        (await Refus(SignerJson(v2))).Should().Contain("version 2.0").And.Contain("1.x");

        var v13 = base_.DeepClone().AsObject();
        v13["version"] = "1.3";
        v13["commentaire"] = "champ ajouté par une version mineure";
        v13["indicateurs"]!.AsArray().Add(new JsonObject { ["code"] = "PP_A_JOUR", ["numerateur"] = 3, ["denominateur"] = 4, ["unite"] = "usagers" });
        var lu = await FormatRapportUsage.VerifierAsync(SignerJson(v13));
        lu.Contenu.Version.Should().Be("1.3");
        lu.Contenu.Mesure("PP_A_JOUR").Should().Be(new MesureRapportee("PP_A_JOUR", 3, 4));

        var sansVersion = base_.DeepClone().AsObject();
        sansVersion.Remove("version");
        (await Refus(SignerJson(sansVersion))).Should().Contain("« version » est obligatoire");
        var incoherent = base_.DeepClone().AsObject();
        incoherent["indicateurs"]![0]!["numerateur"] = 81;
        (await Refus(SignerJson(incoherent))).Should().Contain("DUI_ACTIF").And.Contain("dépasse le dénominateur");
        var negatif = base_.DeepClone().AsObject();
        negatif["indicateurs"]![1]!["numerateur"] = -1;
        (await Refus(SignerJson(negatif))).Should().Contain("positifs");
    }

    [Fact]
    public async Task Un_certificat_expire_ou_pas_encore_valide_a_la_date_d_emission_est_refuse()
    {
        using var expire = Certificat(debut: new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), fin: new(2026, 3, 31, 0, 0, 0, TimeSpan.Zero));
        // The DUI refuses to sign with it...
        FluentActions.Invoking(() => FormatRapportUsage.Signer(Contenu(), expire)).Should().Throw<RapportUsageInvalideException>().WithMessage("*n'était pas valide*");
        // ...and a report signed with it anyway (issued at a date it did not cover) is refused.
        var entete = B64($$"""{"alg":"RS256","typ":"{{FormatRapportUsage.TypeMedia}}","x5c":["{{Convert.ToBase64String(expire.RawData)}}"]}""");
        var charge = Base64UrlEncoder.Encode(JsonRapport.Ecrire(Contenu()));
        var sig = expire.GetRSAPrivateKey()!.SignData(Encoding.ASCII.GetBytes(entete + "." + charge), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        (await Refus($"{entete}.{charge}.{Base64UrlEncoder.Encode(sig)}")).Should().Contain("n'était pas valide à la date d'émission").And.Contain("31/03/2026");
        // Before its expiry, the same certificate signs.
        var avant = FormatRapportUsage.Signer(Contenu(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)) with { Periode = new(new(2025, 12, 1), new(2026, 2, 28)) }, expire);
        (await FormatRapportUsage.VerifierAsync(avant)).Contenu.EmisLe.Month.Should().Be(3);
    }

    [Fact]
    public async Task Un_fichier_qui_n_est_pas_un_rapport_est_refuse_avec_un_message_clair()
    {
        (await Refus("")).Should().Contain("vide");
        (await Refus("bonjour")).Should().Contain("JWS compacte");
        (await Refus("a.b.c.d")).Should().Contain("JWS compacte");
        (await Refus($"{B64("pas du json")}.{B64("{}")}.AAAA")).Should().Contain("en-tête");
        using var cert = Certificat();
        var sansX5c = B64($$"""{"alg":"RS256","typ":"{{FormatRapportUsage.TypeMedia}}"}""");
        (await Refus($"{sansX5c}.{B64("{}")}.AAAA")).Should().Contain("x5c");
        var mauvaisType = B64($$"""{"alg":"RS256","typ":"JWT","x5c":["{{Convert.ToBase64String(cert.RawData)}}"]}""");
        (await Refus($"{mauvaisType}.{B64("{}")}.AAAA")).Should().Contain("typ");
        var critique = B64($$"""{"alg":"RS256","typ":"{{FormatRapportUsage.TypeMedia}}","crit":["exp"],"x5c":["{{Convert.ToBase64String(cert.RawData)}}"]}""");
        (await Refus($"{critique}.{B64("{}")}.AAAA")).Should().Contain("crit");
        using var ec = Certificat(ec: true);
        var confusion = B64($$"""{"alg":"RS256","typ":"{{FormatRapportUsage.TypeMedia}}","x5c":["{{Convert.ToBase64String(ec.RawData)}}"]}""");
        (await Refus($"{confusion}.{B64("{}")}.AAAA")).Should().Contain("ne correspond pas à la clé");
    }

    [Fact]
    public void Le_DUI_ne_signe_pas_un_rapport_que_la_console_refuserait()
    {
        using var cert = Certificat();
        var c = Contenu();
        FluentActions.Invoking(() => FormatRapportUsage.Signer(c with { Periode = new(new(2026, 5, 1), new(2026, 4, 1)) }, cert))
            .Should().Throw<RapportUsageInvalideException>().WithMessage("*précède son début*");
        // A period must be over when the report is issued (Europe/Paris days): 20/04 at 08:30 UTC cannot measure the 20th.
        FluentActions.Invoking(() => FormatRapportUsage.Signer(c with { Periode = new(new(2026, 1, 20), new(2026, 4, 20)) }, cert))
            .Should().Throw<RapportUsageInvalideException>().WithMessage("*révolue*");
        FormatRapportUsage.Signer(c with { Periode = new(new(2026, 1, 20), new(2026, 4, 19)) }, cert).Should().NotBeEmpty();
        FluentActions.Invoking(() => FormatRapportUsage.Signer(c with { Indicateurs = [new(CodesIndicateurs.InsQualifiee, 3)] }, cert))
            .Should().Throw<RapportUsageInvalideException>().WithMessage("*ratio*");
        FluentActions.Invoking(() => FormatRapportUsage.Signer(c with { FinessEt = "69 0000101" }, cert))
            .Should().Throw<RapportUsageInvalideException>().WithMessage("*FINESS ET*");
        using var sansCle = X509CertificateLoader.LoadCertificate(cert.RawData);
        FluentActions.Invoking(() => FormatRapportUsage.Signer(c, sansCle)).Should().Throw<RapportUsageInvalideException>().WithMessage("*clé privée*");
    }
}

/// <summary>The documentation and the schema say what the code does.</summary>
public sealed class DocumentationRapportUsageTests
{
    private static string Docs([System.Runtime.CompilerServices.CallerFilePath] string chemin = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(chemin)!, "../../docs"));

    [Fact]
    public void L_exemple_de_la_documentation_est_un_contenu_valide_et_le_schema_exige_ce_que_le_code_ecrit()
    {
        var doc = File.ReadAllText(Path.Combine(Docs(), "rapport-usage-v1.md"));
        var debut = doc.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        var exemple = doc[debut..doc.IndexOf("```", debut, StringComparison.Ordinal)];
        var lu = JsonRapport.Lire(Encoding.UTF8.GetBytes(exemple));
        lu.Mesure(CodesIndicateurs.DuiActif).Should().Be(new MesureRapportee(CodesIndicateurs.DuiActif, 72, 80));

        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Docs(), "rapport-usage-v1.schema.json")))!;
        var requis = schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        var ecrit = JsonNode.Parse(JsonRapport.Ecrire(lu with { FinessEj = null }))!.AsObject().Select(p => p.Key).ToList();
        ecrit.Should().BeEquivalentTo(requis, "every field the DUI always writes is required, and nothing else");
        schema["properties"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(ecrit.Append("finessEj"));
    }
}

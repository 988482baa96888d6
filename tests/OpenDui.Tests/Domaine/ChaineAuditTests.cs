using OpenDui.Web.Infrastructure.Data;
using FluentAssertions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using OpenDui.Web.Features.Audit;
using Xunit;

namespace OpenDui.Tests.Domaine;

public class ChaineAuditTests
{
    private static List<TraceAcces> Chaine3()
    {
        var precedent = Chaine.Origine;
        var traces = new List<TraceAcces>();
        for (var i = 1; i <= 3; i++)
        {
            var t = new TraceAcces { Id = i, Horodatage = Chaine.Tronquer(DateTimeOffset.UtcNow), AuteurId = Guid.NewGuid(), AuteurNom = $"p{i}", UsagerId = Guid.NewGuid(), Ressource = "page" };
            OpenDui.Web.Infrastructure.Data.Chaine.Chainer(t, precedent);
            precedent = t.Hash;
            traces.Add(t);
        }
        return traces;
    }

    [Fact]
    public void Une_chaine_intacte_est_verifiee() => Chaine.PremiereRupture(Chaine3()).Should().BeNull();

    [Fact]
    public void Modifier_une_entree_rompt_la_chaine_a_cette_entree()
    {
        var traces = Chaine3();
        traces[1].Ressource = "autre page";
        Chaine.PremiereRupture(traces).Should().Be(2);
    }

    [Fact]
    public void Supprimer_une_entree_rompt_la_chaine_a_la_suivante()
    {
        var traces = Chaine3();
        traces.RemoveAt(1);
        Chaine.PremiereRupture(traces).Should().Be(3);
    }

    [Fact]
    public void L_horodatage_est_tronque_a_la_milliseconde()
    {
        var t = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.FromHours(1)).AddTicks(1234567);
        var tronque = Chaine.Tronquer(t);
        tronque.Offset.Should().Be(TimeSpan.Zero);
        (tronque.UtcTicks % TimeSpan.TicksPerMillisecond).Should().Be(0);
        Chaine.Horodatage(tronque).Should().Be("2026-01-01T09:00:00.123Z");
    }

    private sealed class Environnement(string nom) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = nom;
        public string ApplicationName { get; set; } = "OpenDui.Web";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static CleChainage Cle(string? base64, string environnement = "Production") =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [CleChainage.Parametre] = base64 }).Build(),
            new Environnement(environnement), NullLogger<CleChainage>.Instance);

    private static Jalon Signe(CleChainage cle)
    {
        var j = new Jalon { Journal = "Acces", DerniereTraceId = 42, DernierHash = new string('a', 64), NombreTraces = 42, Horodatage = "2026-12-01T10:00:00.000Z" };
        j.Signature = cle.Signer(j.Message());
        return j;
    }

    [Fact]
    public void Un_jalon_n_est_valide_qu_avec_sa_cle_et_ses_valeurs()
    {
        var cle = Cle(Convert.ToBase64String(new byte[32]));
        Signe(cle).SignatureValide(cle).Should().BeTrue();
        Signe(cle).SignatureValide(Cle(Convert.ToBase64String(Enumerable.Repeat((byte)1, 32).ToArray()))).Should().BeFalse("another key");
        var recompte = Signe(cle);
        recompte.NombreTraces = 40;
        recompte.SignatureValide(cle).Should().BeFalse("the count of entries is signed");
        var rehache = Signe(cle);
        rehache.DernierHash = new string('b', 64);
        rehache.SignatureValide(cle).Should().BeFalse("the newest hash is signed");
    }

    [Fact]
    public void Sans_cle_en_production_pas_de_jalon_et_une_cle_trop_courte_est_refusee()
    {
        Cle(null).Configuree.Should().BeFalse();
        Signe(Cle(null, "Test")).SignatureValide(Cle(null)).Should().BeFalse();
        FluentActions.Invoking(() => Cle(Convert.ToBase64String(new byte[16]))).Should().Throw<InvalidOperationException>().WithMessage("*256 bits*");
    }
}

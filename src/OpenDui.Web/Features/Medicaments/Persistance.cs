using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>The Medicaments module's tables as properties of the unit of work (<c>db.X</c>).</summary>
public static class TablesMedicaments
{
    extension(OpenDuiDbContext db)
    {
        public DbSet<SpecialiteBdpm> SpecialitesBdpm => db.Set<SpecialiteBdpm>();
        public DbSet<PresentationBdpm> PresentationsBdpm => db.Set<PresentationBdpm>();
        public DbSet<CompositionBdpm> CompositionsBdpm => db.Set<CompositionBdpm>();
        public DbSet<GroupeGeneriqueBdpm> GroupesGeneriquesBdpm => db.Set<GroupeGeneriqueBdpm>();
        public DbSet<Prescription> Prescriptions => db.Set<Prescription>();
        public DbSet<Administration> Administrations => db.Set<Administration>();
        public DbSet<PreparationPilulier> PreparationsPiluliers => db.Set<PreparationPilulier>();
    }
}

internal sealed class ConfigurationSpecialiteBdpm : IEntityTypeConfiguration<SpecialiteBdpm>
{
    public void Configure(EntityTypeBuilder<SpecialiteBdpm> e)
    {
        e.ToTable("SpecialitesBdpm");
        e.HasKey(x => x.Cis);
        e.Property(x => x.Cis).HasMaxLength(8);
        e.Property(x => x.Denomination).HasMaxLength(500);
        e.Property(x => x.DenominationRecherche).HasMaxLength(500);
        e.Property(x => x.Forme).HasMaxLength(300);
        e.Property(x => x.Voies).HasMaxLength(300);
        e.Property(x => x.StatutAmm).HasMaxLength(100);
        e.Property(x => x.Commercialisation).HasMaxLength(100);
        e.Property(x => x.Titulaires).HasMaxLength(500);
        // Search by the name's prefix.
        e.HasIndex(x => x.DenominationRecherche);
    }
}

internal sealed class ConfigurationPresentationBdpm : IEntityTypeConfiguration<PresentationBdpm>
{
    public void Configure(EntityTypeBuilder<PresentationBdpm> e)
    {
        e.ToTable("PresentationsBdpm");
        e.HasKey(x => x.Cip13);
        e.Property(x => x.Cip13).HasMaxLength(13);
        e.Property(x => x.Cis).HasMaxLength(8);
        e.Property(x => x.Cip7).HasMaxLength(7);
        e.Property(x => x.Libelle).HasMaxLength(1000);
        e.Property(x => x.Statut).HasMaxLength(100);
        e.Property(x => x.Commercialisation).HasMaxLength(100);
        e.Property(x => x.AgrementCollectivites).HasMaxLength(20);
        e.HasIndex(x => x.Cis);
    }
}

internal sealed class ConfigurationCompositionBdpm : IEntityTypeConfiguration<CompositionBdpm>
{
    public void Configure(EntityTypeBuilder<CompositionBdpm> e)
    {
        e.ToTable("CompositionsBdpm");
        e.Property(x => x.Id).ValueGeneratedOnAdd();
        e.Property(x => x.Cis).HasMaxLength(8);
        e.Property(x => x.Element).HasMaxLength(300);
        e.Property(x => x.CodeSubstance).HasMaxLength(10);
        e.Property(x => x.Substance).HasMaxLength(300);
        e.Property(x => x.SubstanceRecherche).HasMaxLength(300);
        e.Property(x => x.Dosage).HasMaxLength(300);
        e.Property(x => x.ReferenceDosage).HasMaxLength(300);
        e.Property(x => x.Nature).HasMaxLength(2);
        e.HasIndex(x => x.Cis);
        // Search by the substance's prefix, and the specialities holding a substance.
        e.HasIndex(x => x.SubstanceRecherche);
        e.HasIndex(x => x.CodeSubstance);
    }
}

internal sealed class ConfigurationGroupeGeneriqueBdpm : IEntityTypeConfiguration<GroupeGeneriqueBdpm>
{
    public void Configure(EntityTypeBuilder<GroupeGeneriqueBdpm> e)
    {
        e.ToTable("GroupesGeneriquesBdpm");
        e.HasKey(x => new { x.IdGroupe, x.Cis });
        e.Property(x => x.Cis).HasMaxLength(8);
        e.Property(x => x.Libelle).HasMaxLength(1000);
        e.HasIndex(x => x.Cis);
    }
}

internal sealed class ConfigurationPrescription : IEntityTypeConfiguration<Prescription>
{
    public const int LongueurTexte = 1000;

    public void Configure(EntityTypeBuilder<Prescription> e)
    {
        e.ToTable("Prescriptions");
        e.Property(x => x.Cis).HasMaxLength(8);
        e.Property(x => x.CodeSubstance).HasMaxLength(10);
        e.Property(x => x.Libelle).HasMaxLength(500);
        e.Property(x => x.Dose).HasPrecision(12, 4);
        e.Property(x => x.Unite).HasMaxLength(50);
        e.Property(x => x.Voie).HasMaxLength(100);
        e.Property(x => x.Moments).HasMaxLength(200);
        e.Property(x => x.MotifSiBesoin).HasMaxLength(LongueurTexte);
        e.Property(x => x.Commentaire).HasMaxLength(LongueurTexte);
        e.Property(x => x.RedigeeParNom).HasMaxLength(200);
        e.Property(x => x.PrescripteurNom).HasMaxLength(200);
        e.Property(x => x.PrescripteurRpps).HasMaxLength(11);
        e.Property(x => x.AlertesAcceptees).HasMaxLength(4000);
        e.Property(x => x.MotifDerogation).HasMaxLength(LongueurTexte);
        e.Property(x => x.ValideeParNom).HasMaxLength(200);
        e.Property(x => x.AvisPharmacien).HasMaxLength(LongueurTexte);
        e.Property(x => x.ArreteeParNom).HasMaxLength(200);
        e.Property(x => x.MotifArret).HasMaxLength(LongueurTexte);
        e.HasIndex(x => new { x.UsagerId, x.Statut });
        e.HasIndex(x => new { x.EssmsId, x.Statut });
        // The versions in force on a day: active, or replaced or stopped since (VersionsPrescription.EnVigueurDepuis).
        e.HasIndex(x => new { x.UsagerId, x.RemplaceeLe });
        e.HasIndex(x => new { x.UsagerId, x.ArreteeLe });
        // One active version per line: two racing modifications cannot both be kept.
        e.HasIndex(x => x.LigneId).IsUnique().HasFilter("\"Statut\" = 'Active'").HasDatabaseName("IX_Prescriptions_LigneId_Active");
        e.HasIndex(x => new { x.LigneId, x.Version }).IsUnique();
        e.HasIndex(x => x.Cis);
        e.HasOne<Documents.DocumentUsager>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Sejour>().WithMany().HasForeignKey(x => x.SejourId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SpecialiteBdpm>().WithMany().HasForeignKey(x => x.Cis).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationAdministration : IEntityTypeConfiguration<Administration>
{
    public void Configure(EntityTypeBuilder<Administration> e)
    {
        e.ToTable("Administrations");
        e.Property(x => x.CleDose).HasMaxLength(60);
        e.Property(x => x.Motif).HasMaxLength(ConfigurationPrescription.LongueurTexte);
        e.Property(x => x.ParNom).HasMaxLength(200);
        e.Property(x => x.Libelle).HasMaxLength(500);
        e.Property(x => x.Dose).HasPrecision(12, 4);
        e.Property(x => x.Unite).HasMaxLength(50);
        e.Property(x => x.Voie).HasMaxLength(100);
        e.Property(x => x.NoteEffet).HasMaxLength(ConfigurationPrescription.LongueurTexte);
        e.Property(x => x.EffetParNom).HasMaxLength(200);
        // One record per planned dose: two carers recording the same dose at once give one row, the second gets a conflict.
        e.HasIndex(x => x.CleDose).IsUnique().HasFilter("\"CleDose\" IS NOT NULL");
        // The same request sent again by the same author (offline queue, retry) is the same record.
        e.HasIndex(x => new { x.ParId, x.CleIdempotence }).IsUnique();
        // The MAR of a person (key-paged by instant) and the "si besoin" given in the last 24 hours of a line.
        e.HasIndex(x => new { x.UsagerId, x.LeTicks });
        e.HasIndex(x => new { x.LigneId, x.LeTicks });
        e.HasOne<Prescription>().WithMany().HasForeignKey(x => x.PrescriptionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Usager>().WithMany().HasForeignKey(x => x.UsagerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigurationPreparationPilulier : IEntityTypeConfiguration<PreparationPilulier>
{
    public void Configure(EntityTypeBuilder<PreparationPilulier> e)
    {
        e.ToTable("PreparationsPiluliers");
        e.Property(x => x.PrepareeParNom).HasMaxLength(200);
        e.Property(x => x.VerifieeParNom).HasMaxLength(200);
        e.Property(x => x.Prescriptions).HasMaxLength(40_000);
        e.Property(x => x.Remarque).HasMaxLength(ConfigurationPrescription.LongueurTexte);
        e.HasIndex(x => new { x.UniteId, x.Debut });
        e.HasOne<Unite>().WithMany().HasForeignKey(x => x.UniteId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Essms>().WithMany().HasForeignKey(x => x.EssmsId).OnDelete(DeleteBehavior.Restrict);
    }
}

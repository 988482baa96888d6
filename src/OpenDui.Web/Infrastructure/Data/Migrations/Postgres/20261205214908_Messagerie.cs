using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Messagerie : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CompositionsBdpm",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Cis = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Element = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CodeSubstance = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Substance = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    SubstanceRecherche = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Dosage = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ReferenceDosage = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Nature = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    NumeroLiaison = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompositionsBdpm", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GroupesGeneriquesBdpm",
                columns: table => new
                {
                    IdGroupe = table.Column<int>(type: "integer", nullable: false),
                    Cis = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Libelle = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    Tri = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupesGeneriquesBdpm", x => new { x.IdGroupe, x.Cis });
                });

            migrationBuilder.CreateTable(
                name: "MessagesMss",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UsagerId = table.Column<Guid>(type: "uuid", nullable: true),
                    EssmsId = table.Column<Guid>(type: "uuid", nullable: true),
                    Sens = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Etat = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MessageIdMime = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Boite = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Expediteur = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Destinataires = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Objet = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    Corps = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    AvecXdm = table.Column<bool>(type: "boolean", nullable: false),
                    VersPatient = table.Column<bool>(type: "boolean", nullable: false),
                    AccuseLectureDemande = table.Column<bool>(type: "boolean", nullable: false),
                    CreeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EnvoyeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AuteurId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuteurNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Remarque = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CleMime = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    TraiteLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TraiteParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessagesMss", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessagesMss_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MessagesMss_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PartenairesMss",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Nom = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Prenom = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Profession = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Adresse = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Rpps = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    OrganismeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Actif = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartenairesMss", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartenairesMss_Organismes_OrganismeId",
                        column: x => x.OrganismeId,
                        principalTable: "Organismes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PresentationsBdpm",
                columns: table => new
                {
                    Cip13 = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    Cis = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Cip7 = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Libelle = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Statut = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Commercialisation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AgrementCollectivites = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PresentationsBdpm", x => x.Cip13);
                });

            migrationBuilder.CreateTable(
                name: "SpecialitesBdpm",
                columns: table => new
                {
                    Cis = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Denomination = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DenominationRecherche = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Forme = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Voies = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    StatutAmm = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Commercialisation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DateAmm = table.Column<DateOnly>(type: "date", nullable: true),
                    Titulaires = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SurveillanceRenforcee = table.Column<bool>(type: "boolean", nullable: false),
                    Retiree = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpecialitesBdpm", x => x.Cis);
                });

            migrationBuilder.CreateTable(
                name: "AccusesMss",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    De = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RecuLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MessageIdMime = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccusesMss", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccusesMss_MessagesMss_MessageId",
                        column: x => x.MessageId,
                        principalTable: "MessagesMss",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PiecesMss",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    NomFichier = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TypeContenu = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Taille = table.Column<long>(type: "bigint", nullable: false),
                    Empreinte = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CleStockage = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DansXdm = table.Column<bool>(type: "boolean", nullable: false),
                    CodeType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Refus = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PiecesMss", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PiecesMss_MessagesMss_MessageId",
                        column: x => x.MessageId,
                        principalTable: "MessagesMss",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Prescriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LigneId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Origine = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UsagerId = table.Column<Guid>(type: "uuid", nullable: false),
                    SejourId = table.Column<Guid>(type: "uuid", nullable: false),
                    EssmsId = table.Column<Guid>(type: "uuid", nullable: false),
                    Cis = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    CodeSubstance = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Libelle = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Dose = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    Unite = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Voie = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Moments = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Rythme = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Jours = table.Column<int>(type: "integer", nullable: false),
                    IntervalleJours = table.Column<int>(type: "integer", nullable: true),
                    Debut = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Fin = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SiBesoin = table.Column<bool>(type: "boolean", nullable: false),
                    MotifSiBesoin = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    MaxPrisesPar24h = table.Column<int>(type: "integer", nullable: true),
                    IntervalleMinimalMinutes = table.Column<int>(type: "integer", nullable: true),
                    Commentaire = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Statut = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RedigeeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RedigeeParId = table.Column<Guid>(type: "uuid", nullable: false),
                    RedigeeParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PrescripteurNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PrescripteurRpps = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    Transcrite = table.Column<bool>(type: "boolean", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: true),
                    AlertesAcceptees = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    MotifDerogation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ValideeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ValideeParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AvisPharmacien = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ArreteeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ArreteeParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    MotifArret = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RemplaceeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Prescriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Prescriptions_DocumentsUsagers_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "DocumentsUsagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Prescriptions_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Prescriptions_Sejours_SejourId",
                        column: x => x.SejourId,
                        principalTable: "Sejours",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Prescriptions_SpecialitesBdpm_Cis",
                        column: x => x.Cis,
                        principalTable: "SpecialitesBdpm",
                        principalColumn: "Cis",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Prescriptions_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccusesMss_MessageId_MessageIdMime",
                table: "AccusesMss",
                columns: new[] { "MessageId", "MessageIdMime" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CompositionsBdpm_Cis",
                table: "CompositionsBdpm",
                column: "Cis");

            migrationBuilder.CreateIndex(
                name: "IX_CompositionsBdpm_CodeSubstance",
                table: "CompositionsBdpm",
                column: "CodeSubstance");

            migrationBuilder.CreateIndex(
                name: "IX_CompositionsBdpm_SubstanceRecherche",
                table: "CompositionsBdpm",
                column: "SubstanceRecherche");

            migrationBuilder.CreateIndex(
                name: "IX_GroupesGeneriquesBdpm_Cis",
                table: "GroupesGeneriquesBdpm",
                column: "Cis");

            migrationBuilder.CreateIndex(
                name: "IX_MessagesMss_EssmsId",
                table: "MessagesMss",
                column: "EssmsId");

            migrationBuilder.CreateIndex(
                name: "IX_MessagesMss_Etat",
                table: "MessagesMss",
                column: "Etat");

            migrationBuilder.CreateIndex(
                name: "IX_MessagesMss_Sens_Boite_MessageIdMime",
                table: "MessagesMss",
                columns: new[] { "Sens", "Boite", "MessageIdMime" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessagesMss_UsagerId_CreeLe",
                table: "MessagesMss",
                columns: new[] { "UsagerId", "CreeLe" });

            migrationBuilder.CreateIndex(
                name: "IX_PartenairesMss_OrganismeId_Adresse",
                table: "PartenairesMss",
                columns: new[] { "OrganismeId", "Adresse" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PiecesMss_MessageId",
                table: "PiecesMss",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_Cis",
                table: "Prescriptions",
                column: "Cis");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_DocumentId",
                table: "Prescriptions",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_EssmsId_Statut",
                table: "Prescriptions",
                columns: new[] { "EssmsId", "Statut" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_LigneId_Active",
                table: "Prescriptions",
                column: "LigneId",
                unique: true,
                filter: "\"Statut\" = 'Active'");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_LigneId_Version",
                table: "Prescriptions",
                columns: new[] { "LigneId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_SejourId",
                table: "Prescriptions",
                column: "SejourId");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_UsagerId_Statut",
                table: "Prescriptions",
                columns: new[] { "UsagerId", "Statut" });

            migrationBuilder.CreateIndex(
                name: "IX_PresentationsBdpm_Cis",
                table: "PresentationsBdpm",
                column: "Cis");

            migrationBuilder.CreateIndex(
                name: "IX_SpecialitesBdpm_DenominationRecherche",
                table: "SpecialitesBdpm",
                column: "DenominationRecherche");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccusesMss");

            migrationBuilder.DropTable(
                name: "CompositionsBdpm");

            migrationBuilder.DropTable(
                name: "GroupesGeneriquesBdpm");

            migrationBuilder.DropTable(
                name: "PartenairesMss");

            migrationBuilder.DropTable(
                name: "PiecesMss");

            migrationBuilder.DropTable(
                name: "Prescriptions");

            migrationBuilder.DropTable(
                name: "PresentationsBdpm");

            migrationBuilder.DropTable(
                name: "MessagesMss");

            migrationBuilder.DropTable(
                name: "SpecialitesBdpm");
        }
    }
}

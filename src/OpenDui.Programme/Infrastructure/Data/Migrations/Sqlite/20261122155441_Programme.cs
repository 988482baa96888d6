using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Programme.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Programme : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Ajustements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Annee = table.Column<int>(type: "INTEGER", nullable: false),
                    CodeCible = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Champ = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Situation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RegionsDemandeuses = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Statut = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DemandeLe = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    AvisCnsa = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    InstruitLe = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    AccordCnsa = table.Column<bool>(type: "INTEGER", nullable: true),
                    AccordDns = table.Column<bool>(type: "INTEGER", nullable: true),
                    MotifDecision = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecideLe = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Ajustements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Campagnes",
                columns: table => new
                {
                    Annee = table.Column<int>(type: "INTEGER", nullable: false),
                    Parametres = table.Column<string>(type: "TEXT", nullable: false),
                    Ouverte = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campagnes", x => x.Annee);
                });

            migrationBuilder.CreateTable(
                name: "Cibles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Annee = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Libelle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Numerateur = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Denominateur = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Seuil = table.Column<decimal>(type: "TEXT", precision: 14, scale: 4, nullable: false),
                    PeriodeMois = table.Column<int>(type: "INTEGER", nullable: false),
                    Domaines = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Exemptions = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cibles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Engagements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CandidatureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Annee = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Montant = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    EngageLe = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Par = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Engagements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Enveloppes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Annee = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Montant = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Enveloppes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Porteurs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FinessEj = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    RaisonSociale = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StatutJuridiqueCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Porteurs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Rapports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IdentifiantRapport = table.Column<Guid>(type: "TEXT", nullable: false),
                    CandidatureId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FinessEt = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    Debut = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Fin = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EmisLe = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    RecuLe = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Logiciel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Signataire = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    EmpreinteCertificat = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Jws = table.Column<string>(type: "TEXT", nullable: false),
                    ImportePar = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rapports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Redeploiements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Annee = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionSource = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    RegionCible = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Montant = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    DecideLe = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Par = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Redeploiements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationsAjustement",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AjustementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CandidatureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FinessEt = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    Reduction = table.Column<long>(type: "INTEGER", nullable: false),
                    Justification = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AppliqueLe = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Par = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationsAjustement", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationsAjustement_Ajustements_AjustementId",
                        column: x => x.AjustementId,
                        principalTable: "Ajustements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Nom = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Prenom = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Profil = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    PorteurId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Actif = table.Column<bool>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_Porteurs_PorteurId",
                        column: x => x.PorteurId,
                        principalTable: "Porteurs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Candidatures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Annee = table.Column<int>(type: "INTEGER", nullable: false),
                    PorteurId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Intitule = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Logiciel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Editeur = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChangementLogiciel = table.Column<bool>(type: "INTEGER", nullable: false),
                    DebutPrevu = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FinDeploiementPrevue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DevisAmoa = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    RegionInstructrice = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    RegionDepot = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    Appel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Statut = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreeeLe = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    DeposeeLe = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Recevable = table.Column<bool>(type: "INTEGER", nullable: true),
                    MotifRecevabilite = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Complete = table.Column<bool>(type: "INTEGER", nullable: false),
                    Jalon = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MotifDecision = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecideeLe = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    MontantDemande = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    MontantAccorde = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    ConventionArsLe = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ConventionPartenariatLe = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ContratEditeurLe = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    VerificationAptitudeLe = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    VerificationServiceRegulierLe = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DebutUsageLe = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CiblesAtteintesLe = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Candidatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Candidatures_Campagnes_Annee",
                        column: x => x.Annee,
                        principalTable: "Campagnes",
                        principalColumn: "Annee",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Candidatures_Porteurs_PorteurId",
                        column: x => x.PorteurId,
                        principalTable: "Porteurs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Mesures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RapportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Numerateur = table.Column<long>(type: "INTEGER", nullable: false),
                    Denominateur = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Mesures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Mesures_Rapports_RapportId",
                        column: x => x.RapportId,
                        principalTable: "Rapports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Consultations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CandidatureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DepartementCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    SaisiLe = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReponduLe = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Avis = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    TracePar = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Consultations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Consultations_Candidatures_CandidatureId",
                        column: x => x.CandidatureId,
                        principalTable: "Candidatures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EssmsCandidatures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CandidatureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FinessEt = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    Nom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CategorieCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    FinessEj = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                    StatutJuridiqueCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    DepartementCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Acquisition = table.Column<bool>(type: "INTEGER", nullable: true),
                    CommandeSons = table.Column<bool>(type: "INTEGER", nullable: false),
                    SousAutoriteCd = table.Column<bool>(type: "INTEGER", nullable: false),
                    EtablissementsDeLEj = table.Column<int>(type: "INTEGER", nullable: true),
                    DevisInfrastructure = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    Retenu = table.Column<bool>(type: "INTEGER", nullable: false),
                    Motif = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Champ = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ForfaitUsage = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    ForfaitEquipement = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    Infrastructure = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    TailleOrganisme = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EssmsCandidatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EssmsCandidatures_Candidatures_CandidatureId",
                        column: x => x.CandidatureId,
                        principalTable: "Candidatures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Evenements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CandidatureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Horodatage = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    AuteurId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuteurNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Libelle = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evenements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evenements_Candidatures_CandidatureId",
                        column: x => x.CandidatureId,
                        principalTable: "Candidatures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Pieces",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CandidatureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TypePiece = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NomFichier = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    TypeMime = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Taille = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeposeeLe = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    DeposeePar = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pieces", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Pieces_Candidatures_CandidatureId",
                        column: x => x.CandidatureId,
                        principalTable: "Candidatures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Versements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CandidatureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tranche = table.Column<int>(type: "INTEGER", nullable: false),
                    Montant = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    VerseLe = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    VersePar = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Versements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Versements_Candidatures_CandidatureId",
                        column: x => x.CandidatureId,
                        principalTable: "Candidatures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContenusPieces",
                columns: table => new
                {
                    PieceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Octets = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContenusPieces", x => x.PieceId);
                    table.ForeignKey(
                        name: "FK_ContenusPieces_Pieces_PieceId",
                        column: x => x.PieceId,
                        principalTable: "Pieces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationsAjustement_AjustementId_CandidatureId_FinessEt",
                table: "ApplicationsAjustement",
                columns: new[] { "AjustementId", "CandidatureId", "FinessEt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_PorteurId",
                table: "AspNetUsers",
                column: "PorteurId");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Candidatures_Annee_RegionInstructrice_Statut",
                table: "Candidatures",
                columns: new[] { "Annee", "RegionInstructrice", "Statut" });

            migrationBuilder.CreateIndex(
                name: "IX_Candidatures_PorteurId",
                table: "Candidatures",
                column: "PorteurId");

            migrationBuilder.CreateIndex(
                name: "IX_Candidatures_Reference",
                table: "Candidatures",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cibles_Annee_Code",
                table: "Cibles",
                columns: new[] { "Annee", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_CandidatureId",
                table: "Consultations",
                column: "CandidatureId");

            migrationBuilder.CreateIndex(
                name: "IX_Engagements_Annee_RegionCode",
                table: "Engagements",
                columns: new[] { "Annee", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Engagements_CandidatureId",
                table: "Engagements",
                column: "CandidatureId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Enveloppes_Annee_RegionCode",
                table: "Enveloppes",
                columns: new[] { "Annee", "RegionCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EssmsCandidatures_CandidatureId_FinessEt",
                table: "EssmsCandidatures",
                columns: new[] { "CandidatureId", "FinessEt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EssmsCandidatures_FinessEt",
                table: "EssmsCandidatures",
                column: "FinessEt");

            migrationBuilder.CreateIndex(
                name: "IX_EssmsCandidatures_RegionCode_CandidatureId",
                table: "EssmsCandidatures",
                columns: new[] { "RegionCode", "CandidatureId" });

            migrationBuilder.CreateIndex(
                name: "IX_Evenements_CandidatureId_Horodatage",
                table: "Evenements",
                columns: new[] { "CandidatureId", "Horodatage" });

            migrationBuilder.CreateIndex(
                name: "IX_Mesures_RapportId",
                table: "Mesures",
                column: "RapportId");

            migrationBuilder.CreateIndex(
                name: "IX_Pieces_CandidatureId",
                table: "Pieces",
                column: "CandidatureId");

            migrationBuilder.CreateIndex(
                name: "IX_Porteurs_FinessEj",
                table: "Porteurs",
                column: "FinessEj",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Rapports_CandidatureId",
                table: "Rapports",
                column: "CandidatureId");

            migrationBuilder.CreateIndex(
                name: "IX_Rapports_FinessEt_Fin",
                table: "Rapports",
                columns: new[] { "FinessEt", "Fin" });

            migrationBuilder.CreateIndex(
                name: "IX_Rapports_IdentifiantRapport",
                table: "Rapports",
                column: "IdentifiantRapport",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Redeploiements_Annee",
                table: "Redeploiements",
                column: "Annee");

            migrationBuilder.CreateIndex(
                name: "IX_Versements_CandidatureId_Tranche",
                table: "Versements",
                columns: new[] { "CandidatureId", "Tranche" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationsAjustement");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "Cibles");

            migrationBuilder.DropTable(
                name: "Consultations");

            migrationBuilder.DropTable(
                name: "ContenusPieces");

            migrationBuilder.DropTable(
                name: "Engagements");

            migrationBuilder.DropTable(
                name: "Enveloppes");

            migrationBuilder.DropTable(
                name: "EssmsCandidatures");

            migrationBuilder.DropTable(
                name: "Evenements");

            migrationBuilder.DropTable(
                name: "Mesures");

            migrationBuilder.DropTable(
                name: "Redeploiements");

            migrationBuilder.DropTable(
                name: "Versements");

            migrationBuilder.DropTable(
                name: "Ajustements");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Pieces");

            migrationBuilder.DropTable(
                name: "Rapports");

            migrationBuilder.DropTable(
                name: "Candidatures");

            migrationBuilder.DropTable(
                name: "Campagnes");

            migrationBuilder.DropTable(
                name: "Porteurs");
        }
    }
}

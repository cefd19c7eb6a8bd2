package io.tivaspark.common.math;

import io.tivaspark.common.model.Unit;

/**
 * The catalog of the indicators the core family writes (docs/data-dictionary.md §3, notation of
 * docs/methods.md §1): each OECD code with its unit, the partner and industry values it is written
 * for, a one-line definition, its formula, and the class that computes it ({@link #computedBy}).
 * Emission goes through the catalog ({@link EconomyWriter}); {@code IndicatorCatalogTest} fails when
 * this table and the data dictionary disagree.
 *
 * <p>Notation: economy s, partner r, e_j = exports of row j to every country outside s,
 * w_j = Σ_{k∈s} v_k B_kj, f_j = Σ_{k∉s} v_k B_kj, VBY = v̂BY; r = every country not in s,
 * ind = every industry code.
 */
public enum Indicator {
  PROD(Unit.MONEY, "WLD", "ind, _T", "gross output", "x", GrossTrade.class),
  VALU(Unit.MONEY, "WLD", "ind, _T", "value added", "va", GrossTrade.class),
  PROD_VASH(Unit.PCT, "WLD", "ind, _T", "VA share of output", "100·VALU/PROD", GrossTrade.class),
  EXGR(Unit.MONEY, "r, WLD", "ind, _T", "gross exports", "E_sr = Z_sr1 + Y_sr", GrossTrade.class),
  EXGR_INT(Unit.MONEY, "r, WLD", "ind, _T", "exports of intermediates", "Z_sr1", GrossTrade.class),
  EXGR_FNL(Unit.MONEY, "r, WLD", "ind, _T", "exports of final products", "Y_sr", GrossTrade.class),
  EXGRpSH(Unit.PCT, "r", "ind, _T", "partner share of exports", "100·EXGR_{s,r,i}/EXGR_{s,WLD,i}",
      GrossTrade.class),
  IMGR(Unit.MONEY, "r, WLD", "ind, _T", "gross imports", "E_rs", GrossTrade.class),
  IMGR_INT(Unit.MONEY, "r, WLD", "ind, _T", "imports of intermediates", "Z_rs1", GrossTrade.class),
  IMGR_FNL(Unit.MONEY, "r, WLD", "ind, _T", "imports of final products", "Y_rs", GrossTrade.class),
  IMGRpSH(Unit.PCT, "r", "ind, _T", "partner share of imports", "100·IMGR_{s,r,i}/IMGR_{s,WLD,i}",
      GrossTrade.class),
  BALGR(Unit.MONEY, "r, WLD", "_T", "gross trade balance", "EXGR − IMGR", GrossTrade.class),
  BALGR_INT(Unit.MONEY, "r, WLD", "_T", "gross trade balance in intermediates", "EXGR_INT − IMGR_INT",
      GrossTrade.class),
  BALGR_FNL(Unit.MONEY, "r, WLD", "_T", "gross trade balance in final products", "EXGR_FNL − IMGR_FNL",
      GrossTrade.class),
  EXGR_DVA(Unit.MONEY, "r, WLD", "ind, _T", "domestic VA in exports", "w_j·E_{j,r}", ExportValueAdded.class),
  EXGR_FVA(Unit.MONEY, "r, WLD", "ind, _T", "foreign VA in exports", "f_j·E_{j,r}", ExportValueAdded.class),
  EXGR_DDC(Unit.MONEY, "WLD", "ind, _T", "direct VA of the exporting industry",
      "Σ_{k∈s, ind(k)=ind(j)} v_k (L_ss)_kj e_j", DomesticContent.class),
  EXGR_IDC(Unit.MONEY, "WLD", "ind, _T", "indirect VA of other domestic industries",
      "Σ_{k∈s, ind(k)≠ind(j)} v_k (L_ss)_kj e_j", DomesticContent.class),
  EXGR_RIM(Unit.MONEY, "WLD", "ind, _T", "re-imported domestic VA", "(v_s(B_ss − L_ss))ᵀ∘e_s",
      DomesticContent.class),
  EXGR_DVASH(Unit.PCT, "r, WLD", "ind, _T", "DVA share of exports", "100·EXGR_DVA/EXGR", ExportValueAdded.class),
  EXGR_FVASH(Unit.PCT, "WLD", "ind, _T", "FVA share of exports", "100·EXGR_FVA/EXGR", ExportValueAdded.class),
  EXGR_TDVAIND(Unit.PCT, "WLD", "ind, _T", "industry DVA as share of total exports",
      "100·EXGR_DVA_{s,i}/EXGR_{s,_T}", ExportValueAdded.class),
  EXGR_TFVAIND(Unit.PCT, "WLD", "ind, _T", "industry FVA as share of total exports",
      "100·EXGR_FVA_{s,i}/EXGR_{s,_T}", ExportValueAdded.class),
  EXGR_INTDVASH(Unit.PCT, "WLD", "ind, _T", "DVA in intermediate exports, % of exports",
      "100·(w_s∘Σ_r Z_sr1)/EXGR", ExportValueAdded.class),
  EXGR_FNLDVASH(Unit.PCT, "WLD", "ind, _T", "DVA in final exports, % of exports", "100·(w_s∘Σ_r Y_sr)/EXGR",
      ExportValueAdded.class),
  EXGR_INT_DVA(Unit.MONEY, "r, WLD", "ind, _T", "domestic VA in intermediate exports", "w_j·Zc_{j,r}",
      ExportValueAdded.class),
  EXGR_INTDVApSH(Unit.PCT, "r", "ind, _T", "partner share of DVA in intermediate exports",
      "100·EXGR_INT_DVA_{s,r,i}/EXGR_INT_DVA_{s,WLD,i}", ExportValueAdded.class),
  EXGR_FNL_DVA(Unit.MONEY, "r, WLD", "ind, _T", "domestic VA in final exports", "w_j·Y_{j,r}",
      ExportValueAdded.class),
  EXGR_FNLDVApSH(Unit.PCT, "r", "ind, _T", "partner share of DVA in final exports",
      "100·EXGR_FNL_DVA_{s,r,i}/EXGR_FNL_DVA_{s,WLD,i}", ExportValueAdded.class),
  EXGR_DVApSH(Unit.PCT, "r", "ind, _T", "partner share of DVA in exports",
      "100·EXGR_DVA_{s,r,i}/EXGR_DVA_{s,WLD,i}", ExportValueAdded.class),
  DEXFVApSH(Unit.PCT, "t (origin)", "ind, _T", "backward participation: VA of origin t in s's exports",
      "100·Σ_{j∈s,ind i} v_t B_tj e_j / EXGR_{s,i}", ExportValueAdded.class),
  DEXFVA(Unit.MONEY, "t (origin)", "ind, _T", "foreign VA of origin t in s's exports (own code)",
      "Σ_{j∈s,ind i} v_t B_tj e_j", ExportValueAdded.class),
  FEXDVA(Unit.MONEY, "r (exporter), WLD", "_T (r), ind, _T (WLD)", "VA of s in foreign exports (own code)",
      "v_s B_sr e_r; WLD: (v̂_s Σ_{r∉s} B_sr e_r)_i", ForwardValueAdded.class),
  FEXDVApSH(Unit.PCT, "r (exporter)", "_T", "forward participation: VA of s in r's exports",
      "100·v_s B_sr e_r / EXGR_s", ForwardValueAdded.class),
  EXGR_DVAFXSH(Unit.PCT, "WLD", "ind, _T", "VA of s in foreign exports, % of s's exports",
      "100·(v̂_s Σ_{r∉s} B_sr e_r)_i / EXGR_{s,_T}", ForwardValueAdded.class),
  IMGR_DVA(Unit.MONEY, "r, WLD", "ind, _T", "own VA returning in imports", "(v_s B_sr)ᵀ∘E_rs",
      ForwardValueAdded.class),
  IMGR_DVASH(Unit.PCT, "r, WLD", "ind, _T", "IMGR_DVA share of imports", "100·IMGR_DVA/IMGR",
      ForwardValueAdded.class),
  REII(Unit.MONEY, "r (origin), WLD", "ind (imported), _T", "re-exported intermediate imports",
      "Σ_{k∈r, ind i} (A_{k,s} L_ss e_s)_k", ReexportedImports.class),
  IMGRINT_REII(Unit.PCT, "r (origin), WLD", "ind (imported), _T", "REII as % of intermediate imports",
      "100·REII/IMGR_INT", ReexportedImports.class),
  FFD_DVA(Unit.MONEY, "r, WLD", "ind, _T", "domestic VA in foreign final demand (VAX)", "VBY[s-rows, r]",
      FinalDemandValueAdded.class),
  FFD_DVApSH(Unit.PCT, "r", "ind, _T", "partner share of FFD_DVA", "100·FFD_DVA_{s,r,i}/FFD_DVA_{s,WLD,i}",
      FinalDemandValueAdded.class),
  DFD_DVA(Unit.MONEY, "WLD", "ind, _T", "domestic VA in domestic final demand (own code)", "VBY[s-rows, s]",
      FinalDemandValueAdded.class),
  DFD_FVA(Unit.MONEY, "t, WLD", "ind, _T", "foreign VA in domestic final demand", "VBY[t-rows, s]",
      FinalDemandValueAdded.class),
  DFD_FVApSH(Unit.PCT, "t", "_T", "origin share of DFD_FVA", "100·DFD_FVA_{s,t}/DFD_FVA_{s,WLD}",
      FinalDemandValueAdded.class),
  BALVAFD(Unit.MONEY, "r, WLD", "_T", "VA balance in final demand", "FFD_DVA_{s,r} − DFD_FVA_{s,r}",
      FinalDemandValueAdded.class),
  VALU_FFDDVA(Unit.PCT, "WLD", "ind, _T", "share of VA absorbed abroad", "100·FFD_DVA/VALU",
      FinalDemandValueAdded.class),
  FD_VA(Unit.MONEY, "t, DXD, WLD", "_T", "VA in final demand of s by origin", "Σ_{k∈t} VBY[k, s]",
      FinalDemandValueAdded.class),
  CONS_VA(Unit.MONEY, "t, DXD, WLD", "_T", "VA in final consumption of s by origin",
      "FD_VA with Y restricted to the consumption categories", FinalDemandValueAdded.class),
  GFCF_VA(Unit.MONEY, "t, DXD, WLD", "_T", "VA in gross fixed capital formation of s by origin",
      "FD_VA with Y restricted to GFCF", FinalDemandValueAdded.class),
  FD_VASH(Unit.PCT, "t, DXD", "_T", "origin share of VA in final demand of s", "100·FD_VA_{s,t}/FD_VA_{s,WLD}",
      FinalDemandValueAdded.class),
  CONS_VASH(Unit.PCT, "t, DXD", "_T", "origin share of VA in final consumption of s",
      "100·CONS_VA_{s,t}/CONS_VA_{s,WLD}", FinalDemandValueAdded.class),
  GFCF_VASH(Unit.PCT, "t, DXD", "_T", "origin share of VA in GFCF of s", "100·GFCF_VA_{s,t}/GFCF_VA_{s,WLD}",
      FinalDemandValueAdded.class),
  EXGR_SERV_DVA(Unit.MONEY, "WLD", "ind, _T", "DVA created in services, in exports",
      "Σ_{k∈s, services} v_k B_kj e_j", ExportValueAdded.class),
  EXGR_SERV_FVA(Unit.MONEY, "WLD", "ind, _T", "FVA created in services, in exports",
      "Σ_{k∉s, services} v_k B_kj e_j", ExportValueAdded.class),
  EXGR_SERV_DVASH(Unit.PCT, "WLD", "ind, _T", "DVA created in services, % of exports",
      "100·Σ_{k∈s, services} v_k B_kj e_j / EXGR", ExportValueAdded.class),
  EXGR_SERV_FVASH(Unit.PCT, "WLD", "ind, _T", "FVA created in services, % of exports",
      "100·Σ_{k∉s, services} v_k B_kj e_j / EXGR", ExportValueAdded.class),
  VAX_RATIO(Unit.RATIO, "r, WLD", "ind, _T", "Johnson–Noguera VAX ratio",
      "FFD_DVA/EXGR (world: country WLD)", FinalDemandValueAdded.class);

  private final Unit unit;
  private final String partners;
  private final String industries;
  private final String definition;
  private final String formula;
  private final Class<?> computedBy;

  Indicator(Unit unit, String partners, String industries, String definition, String formula, Class<?> computedBy) {
    this.unit = unit;
    this.partners = partners;
    this.industries = industries;
    this.definition = definition;
    this.formula = formula;
    this.computedBy = computedBy;
  }

  /** The OECD (or own) code written in the {@code indicator} column. */
  public String code() { return name(); }
  /** MONEY, PCT or RATIO. */
  public Unit unit() { return unit; }
  /** The partner values written (r = every country outside s, t = origin country, WLD, DXD). */
  public String partners() { return partners; }
  /** The industry values written (ind = every industry code, _T = all). */
  public String industries() { return industries; }
  /** One-line meaning. */
  public String definition() { return definition; }
  /** Formula per row, summed over the rows of an industry (docs/methods.md §1 notation). */
  public String formula() { return formula; }
  /** The unit class of the core that computes the quantity. */
  public Class<?> computedBy() { return computedBy; }
}

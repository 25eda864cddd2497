# Generates calendars/vn-civil-service.xml from the facts below; run from the repository root: python3 tools/calendar-data.py
import datetime as dt
from xml.sax.saxutils import quoteattr, escape
D = dt.date
def wk(d): return d.weekday() >= 5
TET = {2016:D(2016,2,8),2017:D(2017,1,28),2018:D(2018,2,16),2019:D(2019,2,5),2020:D(2020,1,25),2021:D(2021,2,12),
       2022:D(2022,2,1),2023:D(2023,1,22),2024:D(2024,2,10),2025:D(2025,1,29),2026:D(2026,2,17),2027:D(2027,2,6),
       2028:D(2028,1,26),2029:D(2029,2,13),2030:D(2030,2,2)}
HUNG = {2016:D(2016,4,16),2017:D(2017,4,6),2018:D(2018,4,25),2019:D(2019,4,14),2020:D(2020,4,2),2021:D(2021,4,21),
        2022:D(2022,4,10),2023:D(2023,4,29),2024:D(2024,4,18),2025:D(2025,4,7),2026:D(2026,4,26),2027:D(2027,4,16),
        2028:D(2028,4,4),2029:D(2029,4,23),2030:D(2030,4,12)}
LEGAL = "legal-note:working-days.md"
def doc(id, issuer, ref, number=None, date=None, note=None):
    return dict(id=id, issuer=issuer, ref=ref, number=number, date=date, note=note)
VPCP = ("Văn phòng Chính phủ", "Government Office")
MOLISA = ("Bộ Lao động - Thương binh và Xã hội", "Ministry of Labour, Invalids and Social Affairs")
MOHA = ("Bộ Nội vụ", "Ministry of Home Affairs")
GOV = ("Chính phủ", "Government")
# Per year: docs; tet = (offsets from Tết day of the 5 Tết holidays, doc id or None); nd = 'before'|'after'|None (2nd
# National Day day, from 2021), nd doc; groups' docs; swaps = [(weekday off, make-up day, doc, reason-group)];
# expect = set of weekday days off the announcements state (checked against what the rule gives).
Y = {}
Y[2016] = dict(status="announced", docs=[doc("cp-2015-10", GOV,
    "http://khachsandanang.net.vn/thong-tin-du-lich/tin-tuc-du-lich/chinh-phu-dong-y-nghi-tet-binh-than-9-ngay-346.html",
    date=D(2015,10,29), note=("Phiên họp Chính phủ thường kỳ tháng 10/2015 thống nhất phương án của Bộ LĐTBXH: nghỉ Tết 06/02–14/02/2016, không hoán đổi; số văn bản thông báo không tìm được.",
                              "The Government's October 2015 meeting agreed MOLISA's plan: Tết off 06/02–14/02/2016, no swap; the number of the notice was not found."))],
    tet=([-1,0,1,2,3], "cp-2015-10"), tet_block=(D(2016,2,6), D(2016,2,14)))
Y[2017] = dict(status="announced", docs=[doc("ldtbxh-2016-11-24", MOLISA, "http://hoinutrithuctphcm.vn/blogs/detail/1355",
    date=D(2016,11,24), note=("Thông báo của Bộ trưởng Bộ LĐTBXH theo ý kiến Thủ tướng: nghỉ 26/01–01/02/2017, nghỉ bù 31/01 và 01/02, không hoán đổi (số hiệu không tìm được; cũng tại batgt.camau.gov.vn).",
                              "Notice of the Minister of Labour on the Prime Minister's instruction: off 26/01–01/02/2017, compensatory 31/01 and 01/02, no swap (number not found; also reported by batgt.camau.gov.vn)."))],
    tet=([-2,-1,0,1,2], "ldtbxh-2016-11-24"), tet_block=(D(2017,1,26), D(2017,2,1)))
Y[2018] = dict(status="announced", docs=[
    doc("vpcp-2018", VPCP, "https://baoninhbinh.org.vn/s/c%C3%A1n%20b%E1%BB%99%20c%C3%B4ng%20ch%E1%BB%A9c?page=12",
        note=("Thông báo của Văn phòng Chính phủ: Tết Mậu Tuất nghỉ 7 ngày, gồm 2 ngày trước Tết (14/02–20/02/2018); số hiệu không tìm được.",
              "Government Office notice: Tết off 7 days including 2 days before Tết (14/02–20/02/2018); number not found.")),
    doc("ldtbxh-3238", MOLISA, "https://plo.vn/phap-luat/moi-dip-le-tet-nam-2019-duoc-nghi-18-ngay-786196.html", number="3238/TB-LĐTBXH",
        note=("Hoán đổi dịp Tết Dương lịch 2019: nghỉ thứ Hai 31/12/2018, làm bù thứ Bảy 05/01/2019.",
              "New Year 2019 swap: Monday 31/12/2018 off, Saturday 05/01/2019 worked."))],
    tet=([-2,-1,0,1,2], "vpcp-2018"), tet_block=(D(2018,2,14), D(2018,2,20)),
    swaps=[(D(2018,12,31), D(2019,1,5), "ldtbxh-3238", "new-year")])
Y[2019] = dict(status="announced", docs=[doc("ldtbxh-3238", MOLISA, "https://plo.vn/phap-luat/moi-dip-le-tet-nam-2019-duoc-nghi-18-ngay-786196.html",
    number="3238/TB-LĐTBXH", note=("Cũng tại baonghean.vn. Tết 02/02–10/02/2019; dịp 30/4–1/5 nghỉ thứ Hai 29/4, làm bù thứ Bảy 04/5; làm bù thứ Bảy 05/01/2019 cho ngày 31/12/2018.",
                                   "Also reported by baonghean.vn. Tết 02/02–10/02/2019; 30/4–1/5: Monday 29/4 off, Saturday 04/5 worked; Saturday 05/01/2019 worked for 31/12/2018."))],
    tet=([-1,0,1,2,3], "ldtbxh-3238"), tet_block=(D(2019,2,2), D(2019,2,10)), april_doc="ldtbxh-3238",
    swaps=[(D(2019,4,29), D(2019,5,4), "ldtbxh-3238", "april")], makeup_only=[(D(2019,1,5), D(2018,12,31), "ldtbxh-3238")])
Y[2020] = dict(status="announced", docs=[doc("ldtbxh-2020", MOLISA, "https://socongthuong.daklak.gov.vn/vi/news/tag/th%E1%BB%A9-t%C6%B0/page-2",
    note=("Thông báo nghỉ Tết Âm lịch 2020 (đưa tin 07/01/2020): nghỉ 23/01–29/01/2020; số hiệu không tìm được.",
          "Notice of the Tết 2020 days off (reported 07/01/2020): off 23/01–29/01/2020; number not found."))],
    tet=([-2,-1,0,1,2], "ldtbxh-2020"), tet_block=(D(2020,1,23), D(2020,1,29)))
Y[2021] = dict(status="announced", docs=[doc("ldtbxh-4875", MOLISA, "https://khoahocdoisong.vn/chinh-thuc-cong-bo-lich-nghi-tet-tan-suu-2021-post143258.html",
    number="4875/TB-LĐTBXH", note=("Tết: 2 ngày trước, 3 ngày sau Tết, nghỉ bù 15–16/02; Quốc khánh 02/9 (thứ Năm) và 03/9/2021.",
                                   "Tết: 2 days before, 3 after, compensatory 15–16/02; National Day 02/9 (Thursday) and 03/9/2021."))],
    tet=([-2,-1,0,1,2], "ldtbxh-4875"), tet_block=(D(2021,2,10), D(2021,2,16)), nd=("after", "ldtbxh-4875"))
Y[2022] = dict(status="announced", docs=[doc("vpcp-245", VPCP, "https://vntrip.vn/cam-nang/nghi-tet-nguyen-dan-tu-ngay-31-01-2022-den-het-ngay-04-02-2022-118632/amp",
    number="245/VPCP-KGVX", date=D(2022,1,11), note=("Ý kiến Phó Thủ tướng Vũ Đức Đam: Tết 31/01–04/02/2022, Quốc khánh 01/9–02/9/2022.",
                                                  "Deputy Prime Minister Vũ Đức Đam: Tết 31/01–04/02/2022, National Day 01/9–02/9/2022."))],
    tet=([-1,0,1,2,3], "vpcp-245"), tet_block=(D(2022,1,29), D(2022,2,6)), nd=("before", "vpcp-245"))
Y[2023] = dict(status="announced", docs=[doc("vpcp-8056", VPCP, "https://kiemtientuweb.com/tet-2023.html", number="8056/VPCP-KGVX", date=D(2022,12,1),
    note=("Tết 20/01–26/01/2023 (7 ngày), Quốc khánh 01/9–04/9/2023 (4 ngày).", "Tết 20/01–26/01/2023 (7 days), National Day 01/9–04/9/2023 (4 days)."))],
    tet=([-2,-1,0,1,2], "vpcp-8056"), tet_block=(D(2023,1,20), D(2023,1,26)), nd=("before", "vpcp-8056"))
Y[2024] = dict(status="announced", docs=[
    doc("tet-2024", MOLISA, LEGAL, note=("Tết 08/02–14/02/2024 (13–14/02 nghỉ bù): nguồn báo chí, số văn bản không tìm được.",
                                        "Tết 08/02–14/02/2024 (13–14/02 compensatory): press sources, document number not found.")),
    doc("vpcp-2450", VPCP, "https://baotintuc.vn/infographics/ngay-nghi-le-dip-gio-to-hung-vuong-va-304-152024-20240412212054381.htm",
        number="2450/VPCP-KGVX", date=D(2024,4,12), note=("Nghỉ thứ Hai 29/4, làm bù thứ Bảy 04/5/2024.", "Monday 29/4 off, Saturday 04/5/2024 worked.")),
    doc("qk-2024", MOLISA, LEGAL, note=("Quốc khánh 31/8–03/9/2024: nguồn báo chí.", "National Day 31/8–03/9/2024: press sources."))],
    tet=([-2,-1,0,1,2], "tet-2024"), tet_block=(D(2024,2,8), D(2024,2,14)), nd=("after", "qk-2024"),
    swaps=[(D(2024,4,29), D(2024,5,4), "vpcp-2450", "april")])
Y[2025] = dict(status="announced", docs=[
    doc("vpcp-8726", VPCP, LEGAL, number="8726/VPCP-KGVX", date=D(2024,11,26), note=("Tết 25/01–02/02/2025, không hoán đổi.", "Tết 25/01–02/02/2025, no swap.")),
    doc("swap-2025-04", VPCP, "https://www.vietnamplus.vn/cong-chuc-vien-chuc-duoc-nghi-the-nao-trong-dip-le-304-152025-post1033115.vnp",
        note=("Hoán đổi thứ Sáu 02/5/2025 sang thứ Bảy 26/4/2025 (TTXVN); số văn bản không tìm được.",
              "Friday 02/5/2025 swapped with Saturday 26/4/2025 (VNA report); document number not found.")),
    doc("qk-2025", MOLISA, LEGAL, note=("Quốc khánh 30/8–02/9/2025: nguồn báo chí.", "National Day 30/8–02/9/2025: press sources."))],
    tet=([-2,-1,0,1,2], "vpcp-8726"), tet_block=(D(2025,1,25), D(2025,2,2)), nd=("before", "qk-2025"),
    swaps=[(D(2025,5,2), D(2025,4,26), "swap-2025-04", "april")])
Y[2026] = dict(status="announced", docs=[
    doc("vpcp-12729", VPCP, LEGAL, number="12729/VPCP-KGVX", date=D(2025,12,25), note=("Tết Dương lịch 01/01–04/01/2026: nghỉ thứ Sáu 02/01, làm bù thứ Bảy 10/01.",
                                                                                    "New Year 01/01–04/01/2026: Friday 02/01 off, Saturday 10/01 worked.")),
    doc("vpcp-9859", VPCP, LEGAL, number="9859/VPCP-KGVX", note=("Tết 14/02–22/02/2026 (9 ngày), không hoán đổi.", "Tết 14/02–22/02/2026 (9 days), no swap.")),
    doc("bnv-qk-2026", MOHA, LEGAL, note=("Quốc khánh 29/8–02/9/2026: nghỉ thứ Hai 31/8, làm bù thứ Bảy 22/8 — chỉ một nguồn, cần đối chiếu.",
                                       "National Day 29/8–02/9/2026: Monday 31/8 off, Saturday 22/8 worked — one source only, to be checked."))],
    tet=([-1,0,1,2,3], "vpcp-9859"), tet_block=(D(2026,2,14), D(2026,2,22)), nd=("before", "bnv-qk-2026"),
    swaps=[(D(2026,1,2), D(2026,1,10), "vpcp-12729", "new-year"), (D(2026,8,31), D(2026,8,22), "bnv-qk-2026", "national")])
for y in range(2027, 2031):
    nd = D(y,9,2).weekday()  # Mon=0
    Y[y] = dict(status="statutory", docs=[], tet=([-1,0,1,2,3], None), nd=("before" if nd in (4,5) else "after", None))

NAMES = {"new-year":("Tết Dương lịch","New Year's Day"), "lunar-new-year":("Tết Âm lịch","Lunar New Year"), "hung-kings":("Giỗ Tổ Hùng Vương","Hùng Kings' day"),
 "reunification-day":("30/4","30 April"),"labour-day":("1/5","1 May"),"national-day":("Quốc khánh","National Day")}

def build(y, spec):
    code = "45/2019/QH14" if y >= 2021 else "10/2012/QH13"
    hol = []  # (date, reason, source, group)
    src = lambda d: d or "statutory"
    hol.append((D(y,1,1), "new-year", "statutory", "new-year"))
    offs, tdoc = spec["tet"]
    for o in offs:
        hol.append((TET[y] + dt.timedelta(days=o), "lunar-new-year", src(tdoc), "tet"))
    ad = spec.get("april_doc")
    hol.append((HUNG[y], "hung-kings", "statutory", "april"))
    hol.append((D(y,4,30), "reunification-day", "statutory", "april"))
    hol.append((D(y,5,1), "labour-day", "statutory", "april"))
    hol.append((D(y,9,2), "national-day", "statutory" if y < 2021 or not spec.get("nd", (0,None))[1] else spec["nd"][1], "national"))
    if y >= 2021:
        side, nd_doc = spec["nd"]
        hol.append((D(y,9,2) + dt.timedelta(days=-1 if side == "before" else 1), "national-day", src(nd_doc), "national"))
    hol.sort()
    holidays = {h[0] for h in hol}
    swaps = spec.get("swaps", [])
    swapped_off = {s[0] for s in swaps}
    makeup = {s[1] for s in swaps} | {m[0] for m in spec.get("makeup_only", [])}
    days = {}
    for d, reason, source, group in hol:
        days[d] = dict(date=d, reason=reason, source=source, group=group)
    taken = set(holidays) | swapped_off
    for d, reason, source, group in hol:
        if wk(d):
            c = d + dt.timedelta(days=1)
            while wk(c) and c not in makeup or c in taken:
                c += dt.timedelta(days=1)
            taken.add(c)
            assert c.year == y, (y, d, c)
            days[c] = dict(date=c, reason="compensatory", source=source, group=group, **{"for": d})
    for off, work, docid, group in swaps:
        days[off] = dict(date=off, reason="swap", source=docid, group=group, swapped=work)
    # check against the announced blocks
    if "tet_block" in spec:
        a, b = spec["tet_block"]
        block = {a + dt.timedelta(days=i) for i in range((b - a).days + 1)}
        weekdays_off = {d for d in block if not wk(d)}
        got = {d for d, v in days.items() if v["group"] == "tet" and not wk(d)}
        assert weekdays_off == got, (y, sorted(weekdays_off), sorted(got))
        # the block is exactly the off days and weekends around them
        for d in block:
            assert wk(d) or d in days, (y, d)
    return code, sorted(days.values(), key=lambda v: v["date"])

def text(tag, vi, en, ind):
    return f'{ind}<{tag} lang="vi">{escape(vi)}</{tag}>\n{ind}<{tag} lang="en">{escape(en)}</{tag}>\n'

out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
'''<!--
  The working-day calendar of Vietnamese civil servants, 2016–2030 (schemas/calendar.xsd describes every element).
  Each day off names its reason and its source: "statutory" (it follows from the Labour Code: 10/2012/QH13 Art 115
  until 2020, 45/2019/QH14 Art 112 from 2021, with the compensatory day of Art 115.3 / 111.3 when a holiday falls on
  a weekly rest day), or the document of the same year that announced it. Weekly rest days (Saturday, Sunday) are
  not listed unless a holiday falls on one. Tết and Hùng Kings' day are the Vietnamese calendar's (UTC+7).
  A reference "legal-note:working-days.md" points at the project's legal note (shared/legal/working-days.md), which
  names its own sources. Generated from tools/calendar-data.py, which checks every announced Tết block against
  the compensatory-day rule; edit both together.
-->
<calendar xmlns="urn:seclevel:calendar:1" id="vn-civil-service" version="2026.11.1" data-date="2026-11-28">
  <title lang="vi">Lịch ngày làm việc của cán bộ, công chức, viên chức</title>
  <title lang="en">Working days of Vietnamese civil servants</title>
  <weekly-rest citation="Quyết định 188/1999/QĐ-TTg Điều 1 (tuần làm việc 40 giờ, nghỉ thứ Bảy và Chủ nhật)"/>
''']
for y in sorted(Y):
    spec = Y[y]
    code, days = build(y, spec)
    if spec["status"] == "statutory":
        side = "trước" if spec["nd"][0] == "before" else "sau"
        sideen = "before" if spec["nd"][0] == "before" else "after"
        note = (f"Chưa có thông báo của Chính phủ cho năm {y}: áp dụng Điều 112 Bộ luật Lao động 45/2019/QH14 và nghỉ bù theo Điều 111.3. "
                f"Ngày nghỉ Tết cụ thể và ngày nghỉ thêm dịp Quốc khánh do Thủ tướng quyết định (Điều 112.3); seclevel giả định: Tết gồm ngày cuối năm Âm lịch và 4 ngày đầu năm mới, "
                f"ngày nghỉ thêm Quốc khánh là ngày {side} 02/9. Không có hoán đổi. Ngày Văn hóa Việt Nam 24/11 (Nghị quyết 80-NQ/TW) chưa thành luật: không tính.",
                f"No Government announcement for {y} yet: Labour Code 45/2019/QH14 Art 112 applies, with compensatory days under Art 111.3. "
                f"The Prime Minister fixes the actual Tết days and the extra National Day day (Art 112.3); seclevel assumes Tết is the last day of the lunar year and the first four of the new one, "
                f"and the extra National Day day is the day {sideen} 02/9. No swaps. Vietnam Culture Day 24/11 (Resolution 80-NQ/TW) is not law yet: not counted.")
    else:
        if y <= 2020:
            lc = ("Bộ luật Lao động 10/2012/QH13 Điều 115: Quốc khánh nghỉ 1 ngày. ", "Labour Code 10/2012/QH13 Art 115: National Day is 1 day. ")
        else:
            lc = ("Bộ luật Lao động 45/2019/QH14 Điều 112. ", "Labour Code 45/2019/QH14 Art 112. ")
        note = (lc[0] + "Các ngày có văn bản ghi theo văn bản; các ngày khác theo luật định (không cần thông báo).",
                lc[1] + "Days with a document follow it; the others are statutory (no announcement needed).")
        if y == 2026:
            note = (note[0] + " Ngày Văn hóa Việt Nam 24/11 (Nghị quyết 80-NQ/TW) chưa thành luật: không tính.",
                    note[1] + " Vietnam Culture Day 24/11 (Resolution 80-NQ/TW) is not law yet: not counted.")
    out.append(f'\n  <year number="{y}" status="{spec["status"]}" labour-code="{code}">\n')
    out.append(text("note", note[0], note[1], "    "))
    for d in spec["docs"]:
        attrs = f'id="{d["id"]}"'
        if d["number"]: attrs += f' number={quoteattr(d["number"])}'
        if d["date"]: attrs += f' date="{d["date"].isoformat()}"'
        attrs += f' issuer-vi={quoteattr(d["issuer"][0])} issuer-en={quoteattr(d["issuer"][1])} reference={quoteattr(d["ref"])}'
        if d["note"]:
            out.append(f'    <document {attrs}>\n' + text("note", d["note"][0], d["note"][1], "      ") + '    </document>\n')
        else:
            out.append(f'    <document {attrs}/>\n')
    for v in days:
        a = f'date="{v["date"].isoformat()}" reason="{v["reason"]}" source="{v["source"]}"'
        if "for" in v: a += f' for="{v["for"].isoformat()}"'
        if "swapped" in v: a += f' swapped-with="{v["swapped"].isoformat()}"'
        out.append(f'    <day-off {a}/>\n')
    makeups = [(w, off, docid) for off, w, docid, g in spec.get("swaps", []) if w.year == y] + \
              [m for m in spec.get("makeup_only", [])]
    for w, off, docid in sorted(makeups):
        out.append(f'    <working-day date="{w.isoformat()}" replaces="{off.isoformat()}" source="{docid}"/>\n')
    out.append('  </year>\n')
out.append('</calendar>\n')
open("calendars/vn-civil-service.xml", "w").write("".join(out))

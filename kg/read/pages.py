"""A page's number printed between a table's rows: the one rule every reader of text uses."""

from __future__ import annotations

import re
import unicodedata

# 第2页, 第2页 共3页, 共3页 第2页, Page 2 of 3 (spaces removed): a page's number, in a line of other words too.
_NUMBERED_PAGE = r"第\d+页(?:[,，]?共\d+页)?|共\d+页[,，]?第\d+页|page\d+(?:of\d+)?"
# ... and - 2 -, a page's number only as a line of its own: a date holds its shape (2024-06-30).
PAGE_MARK = re.compile(_NUMBERED_PAGE + r"|[-—–－~]\d+[-—–－~]", re.IGNORECASE)
_PAGE_MARK_IN_TEXT = re.compile(_NUMBERED_PAGE, re.IGNORECASE)


def _compact(text: str) -> str:
    """A line as the page rules read it: folded (NFKC), without spaces or pipes."""
    return re.sub(r"[\s|]", "", unicodedata.normalize("NFKC", text))


def is_page_mark(text: str, *, bare_number: bool = False) -> bool:
    """Whether a line is only a page's number. A bare 23 counts only where asked (a table of tab-separated
    rows, where no value stands on a line of its own); in a form's text it may be a value wrapped onto
    its line."""
    compact = _compact(text)
    return bool(PAGE_MARK.fullmatch(compact) or (bare_number and re.fullmatch(r"\d{1,3}", compact)))


# A page's furniture besides its number (spaces removed): a page count (1/2), a print time, a date and time,
# a web page's links below its text (热门文档 更多>>, 上一篇：…, 【打印本页】【关闭窗口】), a preview's sheet tab (Sheet1).
# The headings of a web page's lists of links (相关文档 …): furniture between rows, and the end of the text.
_LINK_LISTS = r"热门文档|熱門文檔|相关文档|相關文檔|相关阅读|相關閱讀|相关链接|相關鏈接"
_FURNITURE = re.compile(r"\d+/\d+|打印(?:时间|日期).*|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\d{1,2}:\d{2}(?::\d{2})?.*)?"
                        rf"|(?:[【\[]?(?:{_LINK_LISTS}|返回顶部|返回頂部|打印本页|打印本頁|我要纠错|我要糾錯|网站地图|網站地圖|联系我们|聯繫我們"
                        r"|关闭窗口|關閉窗口|更多>*|上一篇[:：].*|下一篇[:：].*|分享到.*)[】\]]?[|｜]?)+"
                        r"|(?:(?i:sheet)\d+)+"  # a spreadsheet preview's sheet tabs
                        r"|[(（]?续(?:上)?表[)）]?"  # 续表 atop a page: the table goes on
                        # a site's copyright line (版权所有 辽ICP备10011578号, 版权所有：某某区人民政府)
                        r"|.{0,30}(?:版权所有|版權所有)(?:[^\u4e00-\u9fff].*)?|.{0,40}(?:ICP|公网安)备\d{4,}.*|技术支持[:：].*"
                        # a browser's print header and footer: the page's address and count, the date and time of printing
                        r"|(?i:https?|file)://\S*?(?:\d+/\d+)?|\d{1,2}/\d{1,2}/\d{2,4},?\d{1,2}:\d{2}(?::\d{2})?(?i:AM|PM)?.*"
                        # a doc-sharing site's buttons and disclaimers (VIP会员免费下载 立即下载 举报; 本文档由用户上传，如有侵权请联系删除)
                        r"|(?:VIP|vip)会员.*|立即下载.*|下载积分.*|(?:免责声明|免責聲明)[:：].*"
                        r"|[(（]?(?:本文档|本文檔|本站|本网|本網)[^()（）]*(?:侵权|侵權|用户上传|用戶上傳)[^()（）]*[)）]?|如有(?:侵权|侵權)[^()（）]*")


def is_page_furniture(text: str, *, values_alone: bool = False) -> bool:
    """Whether a line is a page's header or footer by its words: it holds a page's number (打印时间：… 第1页)
    or is one, or is a page count, a print time, a date and time, or a web page's links. Where a value
    may stand on a line of its own (one cell a line: ``values_alone``), a bare date or fraction is none."""
    compact = _compact(text)
    if values_alone and re.fullmatch(r"\d+/\d+|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}", compact):
        return False
    return bool(_PAGE_MARK_IN_TEXT.search(compact) or PAGE_MARK.fullmatch(compact) or _FURNITURE.fullmatch(compact))


# A PDF's running header: the document's title printed atop every page (北京市通州区水务局2023年部门预算).
_RUNNING_HEADER = re.compile(r".{0,40}?\d{4}年度?(?:部门|单位)?(?:预算|决算)(?:信息)?(?:公开)?")


def is_running_header(text: str) -> bool:
    """Whether a line is a document's title as a page's running header prints it: …2023年部门预算."""
    return bool(_RUNNING_HEADER.fullmatch(_compact(text)))


# A web page's breadcrumb (首页 > 政务公开 > 财政预决算 > 项目绩效目标, 当前位置：…): the site's sections, not a
# form's labels (its last section may read like one, 项目绩效目标).
_BREADCRUMB_START = re.compile(r"^(?:当前位置|您的位置|您现在的位置|你的位置|所在位置|位置)[:：]")
_BREADCRUMB_STEP = re.compile(r"[\u4e00-\u9fff)）]\s*(?:>|＞|»|›|>>|→)\s*[\u4e00-\u9fff(（]")


def is_breadcrumb(text: str) -> bool:
    """Whether a line is a web page's breadcrumb: it starts 当前位置： (or the like), or steps from
    section to section at least twice from its first word on (首页 > 政务公开 > …), with no sentence's
    punctuation (a goal may print 种植>加工>销售 inside it)."""
    folded = unicodedata.normalize("NFKC", text).strip()
    if _BREADCRUMB_START.match(folded):
        return True
    return len(_BREADCRUMB_STEP.findall(folded)) >= 2 and re.match(r"[^\s>＞»›→|]{1,8}\s*(?:>|＞|»|›|>>|→)", folded) is not None \
        and not re.search(r"[，。；,;：:|]", folded)


# A web page's list of links below its text opens with one of these headings (相关文档 and the titles
# of other documents under it): nothing after it is the form's.
_LINKS_HEADING = re.compile(rf"[【\[]?(?:{_LINK_LISTS}|相关推荐|相關推薦|推荐文档|推薦文檔"
                            r"|猜你喜欢|猜你喜歡|延伸阅读|延伸閱讀)[】\]]?[:：]?(?:更多>*)?")


def is_links_heading(text: str) -> bool:
    """Whether a line is the heading of a web page's list of links (相关文档, 热门文档 更多>> …)."""
    return bool(_LINKS_HEADING.fullmatch(_compact(text)))


# Русские подписи табличного вывода (`--lang ru`, `:lang ru`). Идентификаторы те же, что в
# en.ftl; поля JSON не переводятся.
col-num = №
col-act = Акт
col-act-grade = Акт, оценка
col-broader = Шире
col-category = Категория
col-changes = Изменения
col-closed-or-narrowed-that-year-act = Закрыто или сужено в тот год (акт)
col-confiscation = Конфискация
col-date-grade = Оценка даты
col-edition = Редакция
col-enacted-by = Принята актом
col-features = Признаки
col-fine = Штраф
col-follows = Преемственность
col-governing-edition = Применимая редакция
col-grade = Оценка
col-imprisonment = Лишение свободы
col-in-force = В силе с
col-label = Название
col-max-prison = Макс. срок
col-may-release = Может освободить
col-must-release = Обязан освободить
col-other-measures = Иные меры
col-part = Часть
col-partly-excluded = Частично исключено
col-penalty = Наказание
col-penalty-now = Наказание теперь
col-penalty-of-matching-parts = Наказание по подходящим частям
col-penalty-then = Наказание тогда
col-provisions = Статьи
col-reasons = Основания
col-ref = Ссылка
col-related = Связано
col-score = Балл
col-snippet = Фрагмент
col-sources = Источники
col-status = Статус
col-synonyms = Синонимы
col-title = Заголовок
col-topic = Тема
col-valid = Действует
col-what-changed = Что изменилось
col-who-and-on-what-conditions = Кто и на каких условиях
col-why = Почему
col-year = Год

enacted-by = принята: { $act } (в силе с { $date }, оценка даты { $grade }) [{ $id }]
amended-by = изменена: { $act } [{ $id }]
confidence = оценка достоверности: { $grade }
dates = даты: { $note }
title-ru = заголовок (рус.): { $title }
topics = темы: { $topics }
refers-to = ссылается на: { $refs }
changed = изменения: { $text }
sources = источники:
no-matches = Ничего не найдено.
sources-cited = Источники по { $ref }
lineage-of = Преемственность { $ref } — { $subject }
covers-on = на { $date }
covers-between = с { $from } по { $to }
covers-none = В данных нет статьи на тему { $topic } { $span }.
covers-found = Статьи на тему { $topic }, действовавшие { $span }: редакций — { $count }
ask-compare-needs-two-dates = для сравнения нужны две даты; показываю все изменения статьи
interpreted-as = понято как: lexchron { $command }
ignored = пропущены слова: { $words }
cannot-answer = не могу ответить на { $what }: не найдены ни статья, ни тема, ни вид вопроса; ищу по тексту
the-question = вопрос
history-of = { $ref } — { $subject } (редакций: { $count })
gravity-rule = правило о тяжести
rules-as-of = правила на
in-force-open = действует
act-court = Нормативное постановление Верховного Суда
act-constitutional = Конституционный закон
act-code = Кодекс
act-law = Закон
act-decree = Указ
act-of = от
unit-years = л.
unit-months = мес.
word-up = {""}
word-to = до
word-or = или
word-life = пожизненно
word-unknown = неизвестно
confiscation-optional = по усмотрению суда
confiscation-mandatory = обязательна
confiscation-no = нет
col-parts = Части
col-dates = Даты

# Сроки и санкции (`lang::prose`): как пишет юрист, а не краткая запись JSON.
term-years-nom = { $n } { $n -> 
    [one] год
    [few] года
   *[other] лет
}
term-years-from = { $n } { $n ->
    [one] года
   *[other] лет
}
term-years-to = { $n } { $n ->
    [one] года
   *[other] лет
}
term-months-nom = { $n } { $n ->
    [one] месяц
    [few] месяца
   *[other] месяцев
}
term-months-from = { $n } { $n ->
    [one] месяца
   *[other] месяцев
}
term-months-to = { $n } { $n ->
    [one] месяца
   *[other] месяцев
}
range-up-to = до { $b }
range-from-to = от { $a } до { $b }
range-at-least = не менее { $a }
prison-term = лишение свободы на срок { $range }
prison-unknown = лишение свободы (срок источниками не подтверждён)
prison-or-life = или пожизненное лишение свободы
prison-or-death = или смертная казнь
fine-range-from-to = от { $a } до { $b }
fine-range-up-to = до { $b }
fine-range-at-least = не менее { $a }
fine = штраф в размере { $amount }
fine-unknown = штраф (размер источниками не подтверждён)
fine-amount-unknown = размер не подтверждён
fine-unit-mci = { $range } МРП
fine-unit-income = заработной платы или иного дохода осуждённого за период { $range } мес.
fine-unit-multiple = { $range }-кратной суммы, названной в статье
fine-unit-unknown = { $range } (единица не установлена)
measure-correctional-work = исправительные работы
measure-community-work = общественные работы
measure-restriction-of-liberty = ограничение свободы
measure-arrest = арест
measure-ban = лишение права занимать определённые должности или заниматься определённой деятельностью
measure-expulsion = выдворение за пределы Республики Казахстан
measure-military-restriction = ограничение по военной службе
measure-disciplinary-unit = содержание в дисциплинарной воинской части
measure-deprivation = лишение званий, чинов и государственных наград
measure-loss-of-citizenship = лишение гражданства Республики Казахстан
measure-forfeiture = конфискация орудий и средств совершения преступления
measure-imprisonment = лишение свободы
measure-fine = штраф
measure-for-life = пожизненно
measure-hours = { $n } { $n ->
    [one] часа
   *[other] часов
}
measure-days = { $n } суток
measure-hours-nom = { $n } { $n ->
    [one] час
    [few] часа
   *[other] часов
}
measure-days-nom = { $n } { $n ->
    [one] сутки
   *[other] суток
}
measure-mci = { $n } МРП
measure-term = на срок { $range }
measure-sum = в размере { $range }
measure-amount = { $range }
measure-only-items = (только в случаях пунктов { $items })
measure-added = (обязательное дополнительное наказание)
measure-optional = (по усмотрению суда)
confiscation-clause-optional = конфискация имущества по усмотрению суда
confiscation-clause-mandatory = обязательная конфискация имущества
confiscation-clause-unknown = конфискация имущества: не установлено
no-sanction-recorded = санкция не указана
no-sanction = санкции нет
category-minor = преступление небольшой тяжести
category-medium = преступление средней тяжести
category-grave = тяжкое преступление
category-especially-grave = особо тяжкое преступление

# Категории преступлений (`analysis::gravity`).
gravity-no-sanction = санкции нет: часть не описывает преступление
gravity-unknown-max = максимальный срок лишения свободы неизвестен, категорию определить нельзя
gravity-no-rule = в данных нет статьи о категориях преступлений для { $code } на { $day }
gravity-category = { $heaviest }, { $guilt } → { $category } ({ $limit } для { $acts }, { $rule }({ $part }))
gravity-no-match = { $heaviest }, { $guilt }: ни одна категория { $rule } не подходит
heaviest-life = пожизненное лишение свободы
heaviest-none = без лишения свободы
heaviest-max = макс. { $term }
threshold-up-to = не более { $term }
threshold-above = свыше { $term }
threshold-never = никогда
guilt-intentional = умышленное
guilt-negligent = по неосторожности
acts-intentional = умышленных деяний
acts-negligent = деяний, совершённых по неосторожности

# Освобождение в связи с примирением (`analysis::conciliation`).
step-gravity = категория: { $why }
step-no-reconciliation-rule = в данных нет статьи об освобождении в связи с примирением для { $code } на { $day }
step-excluded = исключено: { $what } ({ $at }, оценка { $grade })
step-excluded-where = исключено { $where }: { $what } ({ $at }, оценка { $grade })
step-release-must = суд обязан освободить в связи с примирением с потерпевшим: { $rule }, ч. { $part }; условия: { $conditions }
step-release-must-for = суд обязан освободить в связи с примирением с потерпевшим ({ $who }): { $rule }, ч. { $part }; условия: { $conditions }
step-release-may = суд вправе освободить в связи с примирением с потерпевшим: { $rule }, ч. { $part }; условия: { $conditions }
step-release-may-for = суд вправе освободить в связи с примирением с потерпевшим ({ $who }): { $rule }, ч. { $part }; условия: { $conditions }
step-no-release = { $rule } не допускает освобождения для категории «{ $category }»
place-paragraph-after = абзац после ч. { $part }
place-unplaced = место не указано
place-item = п. { $item }
only-item = в случаях п. { $item }

# Дата выбрана за пользователя: названный кодекс сегодня не действует, а дата не указана.
date-default-ended = примечание: дата не указана, а кодекс { $code } утратил силу, поэтому ответ дан на последний день его действия — { $day } (другую дату задайте через --at)
date-default-not-yet = примечание: дата не указана, а кодекс { $code } ещё не вступил в силу, поэтому ответ дан на первый день его действия — { $day } (другую дату задайте через --at)
confiscation-none = нет
confiscation-unknown = не установлено

# Изменения между редакциями (`compare`).
change-in-part = ч. { $part }: { $change }
change-part-added = часть добавлена ({ $penalty })
change-part-removed = часть исключена
change-paragraph-added = после части добавлен абзац без номера
change-paragraph-removed = абзац без номера после части исключён
change-paragraph-changed = изменена редакция абзаца без номера после части
change-wording = изменено описание деяния
change-items-added = добавлены пункты: { $items }
change-items-removed = исключены пункты: { $items }
change-sanction-added = установлена санкция: { $penalty }
change-sanction-removed = санкция исключена
change-max-prison = максимальный срок лишения свободы: { $old } → { $new }
change-min-prison = минимальный срок лишения свободы: { $old } → { $new }
change-no-minimum = не установлен
change-prison-added = в санкцию добавлено лишение свободы ({ $penalty })
change-prison-removed = лишение свободы исключено из санкции
change-prison-now-unknown = срок лишения свободы теперь неизвестен
change-prison-was-unknown = срок лишения свободы прежде был неизвестен
change-confiscation-added = добавлена конфискация имущества ({ $how })
change-confiscation-removed = конфискация имущества исключена
change-confiscation = конфискация имущества: { $old } → { $new }
change-fine-added = добавлен штраф
change-fine-removed = штраф исключён
change-fine-changed = изменён штраф
change-other-measures = изменены иные меры
change-death-added = добавлена смертная казнь
change-death-removed = смертная казнь исключена
change-life-added = добавлено пожизненное лишение свободы
change-life-removed = пожизненное лишение свободы исключено
article-short = ст. { $n }

# Применимая редакция (`analysis::applicable`).
applicable-the-rule = правило о действии уголовного закона во времени
applicable-edition = редакция { $ref } с { $from } ({ $act })
applicable-renumbered = {" "}(после перенумерации; части сопоставлены по номерам)
applicable-governs = деяние совершено { $offence }: применяется редакция { $ref } [{ $from } – { $to }] ({ $rule })
applicable-no-part = в редакции { $ref } с { $from } нет части { $part }; не сравнивалась
applicable-milder = { $edition } мягче по ч. { $part }{ $cross }: теперь — { $now }, прежде — { $was }; имеет обратную силу ({ $rule })
applicable-harsher = { $edition } строже по ч. { $part }{ $cross }: теперь — { $now }, прежде — { $was }; обратной силы не имеет ({ $rule })
applicable-same = { $edition } сохраняет прежнюю санкцию по ч. { $part }{ $cross }
applicable-incomparable = { $edition }: санкции сравнить нельзя (диапазон неизвестен)

# Лазейки по годам (`analysis::loopholes`).
closure-exclusion = { $rule } исключает: { $what } (оценка { $grade })
closure-an-exclusion = исключение
closure-the-article = статья о примирении
closure-penalty-increase = макс. { $old } → { $new }: { $was } → { $now }
closure-off-list = утратила силу или больше не входит в используемый перечень преступлений, связанных с торговлей людьми

# Постоянные фразы таблиц (`render::table`).
no-sanction-general-rule = санкции нет (общая норма)
follows-from = { $from } с { $date } ({ $act })
note-on = примечание к { $ref }: { $note }
diff-from = было:  { $ref } [{ $interval }] { $title }
diff-to = стало: { $ref } [{ $interval }] { $title }
diff-via = с учётом перенумерации: { $path }
diff-enacted = акты: { $from } → { $to }
diff-title-changed = заголовок изменён
diff-status-added = добавлена
diff-status-removed = исключена
diff-status-changed = изменена
diff-status-unchanged = без изменений
gravity-rule-missing = в данных нет статьи о категориях преступлений для этого кодекса и даты
word-none = нет
loopholes-open = Части, связанные с торговлей людьми, по которым на { $day } возможно освобождение в связи с примирением: { $open } из { $related }
loopholes-list-code = «связанные с торговлей людьми» — по перечню самого кодекса: { $from }
loopholes-list-topic = «связанные с торговлей людьми» — по теме `{ $from }` (своего перечня у кодекса тогда не было)
route-must = суд обязан освободить: { $conditions }
route-must-listed = суд обязан освободить (только перечисленных лиц): { $conditions }
route-may = суд вправе освободить: { $conditions }
route-may-listed = суд вправе освободить (только перечисленных лиц): { $conditions }
year-closed = закрыто { $part }: { $why }
year-narrowed = «обязан» сменилось на «вправе» освободить, { $part }: { $why }
year-opened = впервые учтены и открыты: { $parts }
years-legend = Каждый год оценивается на 31 декабря (текущий — на сегодня); открытые части на дату показывает `lexchron loopholes --at ДАТА`.
applicable-header = { $ref }: деяние совершено { $offence }, приговор { $judgment }
applicable-rule = правило о действии уголовного закона во времени: { $ref } (время совершения деяния: { $time }; более мягкий закон имеет обратную силу: ч. { $milder }; более строгий — не имеет: ч. { $harsher })
applicable-editions = редакции, действовавшие между двумя датами: { $editions }
timeline-legend = | = новая редакция (изменяющий акт); число — наибольший максимальный срок лишения свободы, в годах; ПЛС — пожизненное лишение свободы
seed-file = файл-источник: { $file }
note = примечание: { $note }
cited-edition = редакция { $from } – { $to }: { $locator }
status-mandatory = открыто: суд обязан освободить
status-discretionary = открыто: суд вправе освободить
status-excluded = исключено
status-not-eligible = не подпадает
status-unknown = неизвестно
note-label = примечание
note-numbered = примечание { $n }
paragraph-after = абзац после ч. { $part }: { $summary }
pt = ч. { $part }
grade = оценка { $grade }

# Ошибки, которые видит юрист (`InputError::render`).
error-label = ошибка
hint-label = подсказка
error-not-in-force = { $ref } не действовала в период { $at }
hint-not-in-force = { $spans }; укажите другую дату (--at) или посмотрите `lexchron lineage { $ref }` — предшественников и преемников статьи
hint-try-another-at = укажите другую дату (--at)
error-no-part = в { $ref } ({ $interval }) нет части { $part }
hint-parts = части этой редакции: { $parts }
error-no-article = нет статьи { $article } в { $codes }
error-no-article-either = нет статьи { $article } ни в { $a }, ни в { $b }

# Правила, которые содержит статья Общей части (`show`).
rules-gravity = {"  "}правила (категории преступлений по максимальному сроку лишения свободы):
rules-gravity-category = {"    "}- { $category } (ч. { $part }): умышленные { $intentional }, неосторожные { $negligent }
rules-reconciliation = {"  "}правила (освобождение в связи с примирением с потерпевшим):
rules-must = {"    "}- суд обязан освободить (ч. { $part }): { $categories }
rules-must-for = {"    "}- суд обязан освободить (ч. { $part }), только { $who }: { $categories }
rules-may = {"    "}- суд вправе освободить (ч. { $part }): { $categories }
rules-may-for = {"    "}- суд вправе освободить (ч. { $part }), только { $who }: { $categories }
rules-part = ч. { $part }
rules-excluded = {"    "}- исключено ({ $place }): { $what }
rules-trafficking-list = {"  "}правила (преступления, связанные с торговлей людьми, по перечню кодекса): { $refs }
rules-retroactivity = {"  "}правила (действие уголовного закона во времени): время совершения деяния — { $time }; более мягкий закон имеет обратную силу (ч. { $milder }); более строгий — не имеет (ч. { $harsher })
chart-years = { $n }л
chart-life = ПЛС

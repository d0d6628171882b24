<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>Composer</name>
    <message>
        <source>{0} (deprecated)</source>
        <translation>{0} (устарел)</translation>
    </message>
    <message>
        <source>New from template</source>
        <translation>Новое из шаблона</translation>
    </message>
    <message>
        <source>Notification body (JSON)</source>
        <translation>Тело уведомления (JSON)</translation>
    </message>
    <message>
        <source>Checked as you type; Ctrl+Enter sends it to the debug webhook</source>
        <translation>Проверяется при вводе; Ctrl+Enter отправляет его на отладочный вебхук</translation>
    </message>
    <message>
        <source>Notification body, masked (read-only)</source>
        <translation>Тело уведомления, замаскированное (только чтение)</translation>
    </message>
    <message>
        <source>Presentation mode: the body is shown masked and read-only; turn presentation mode off to edit and send it.</source>
        <translation>Режим презентации: тело показано замаскированным и только для чтения; чтобы изменить и отправить его, выключите режим презентации.</translation>
    </message>
    <message>
        <source>Highlighting off for bodies over {0}; a big body is checked when you pause</source>
        <translation>Подсветка отключена для уведомлений больше {0}; большое уведомление проверяется, когда вы перестаёте печатать</translation>
    </message>
    <message>
        <source>A line over {0} characters: the body is shown folded and read-only, Send posts it as pasted (paste again or pick a template to replace it)</source>
        <translation>Строка длиннее {0} символов: уведомление показано с переносами и только для чтения, «Отправить» отправляет его как вставлено (вставьте другое или выберите шаблон, чтобы заменить его)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <source>POST the body to the form's debug webhook</source>
        <translation>Отправить тело (POST) на отладочный вебхук из формы</translation>
    </message>
    <message>
        <source>Send probe</source>
        <translation>Отправить пробу</translation>
    </message>
    <message>
        <source>POST a marked notification (idMessage PROBE-…) and time its way out of the queue; the Queue tab shows the figures</source>
        <translation>Отправить помеченное уведомление (idMessage PROBE-…) и измерить его путь через очередь; цифры — на вкладке «Очередь»</translation>
    </message>
    <message>
        <source>Send ×N</source>
        <translation>Отправить ×N</translation>
    </message>
    <message>
        <source>Send scenario</source>
        <translation>Отправить сценарий</translation>
    </message>
    <message>
        <source>POST the scenario's notifications at once, linked by their ids; their timestamps keep the real gaps</source>
        <translation>Отправить уведомления сценария сразу, связанные идентификаторами; их метки времени сохраняют реальные интервалы</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Шаблон</translation>
    </message>
    <message>
        <source>Copies to send (N)</source>
        <translation>Сколько копий отправить (N)</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Сценарий</translation>
    </message>
    <message>
        <source>(a big body: hidden in presentation mode)</source>
        <translation>(большое уведомление: скрыто в режиме презентации)</translation>
    </message>
    <message>
        <source>(the body is not valid JSON: hidden in presentation mode)</source>
        <translation>(тело — не корректный JSON: в режиме презентации оно скрыто)</translation>
    </message>
    <message>
        <source>pasting {0}: {1}%…</source>
        <translation>вставка {0}: {1}%…</translation>
    </message>
    <message>
        <source>checking {0}…</source>
        <translation>проверка {0}…</translation>
    </message>
    <message>
        <source>a notification body must be a JSON object</source>
        <translation>тело уведомления должно быть JSON-объектом</translation>
    </message>
    <message>
        <source>not sent: idInstance: digits only</source>
        <translation>не отправлено: idInstance: только цифры</translation>
    </message>
    <message>
        <source>HTTP {0} · {1:.1f} ms · sent {2} of {3} → {4}
{5}</source>
        <translation>HTTP {0} · {1:.1f} мс · отправлено {2} из {3} → {4}
{5}</translation>
    </message>
    <message>
        <source>not sent: {0} → {1}</source>
        <translation>не отправлено: {0} → {1}</translation>
    </message>
</context>
<context>
    <name>ConnectionForm</name>
    <message>
        <source>Connection</source>
        <translation>Подключение</translation>
    </message>
    <message>
        <source>idInstance, e.g. 1101000001</source>
        <translation>idInstance, например 1101000001</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>auto-delete</source>
        <translation>удалять автоматически</translation>
    </message>
    <message>
        <source>auto-delete, one request at a time</source>
        <translation>удалять автоматически, по одному запросу</translation>
    </message>
    <message>
        <source>Each delete answered before the next receive is sent (slower on a slow link)</source>
        <translation>Следующее уведомление запрашивается только после ответа на удаление предыдущего (медленнее на медленном канале)</translation>
    </message>
    <message>
        <source>(no profile)</source>
        <translation>(без профиля)</translation>
    </message>
    <message>
        <source>required</source>
        <translation>обязательное поле</translation>
    </message>
    <message>
        <source>digits only</source>
        <translation>только цифры</translation>
    </message>
    <message>
        <source>no spaces, /, ?, #, %, .. or control characters inside</source>
        <translation>без пробелов, /, ?, #, %, .. и управляющих символов</translation>
    </message>
    <message>
        <source>5 to 60 seconds</source>
        <translation>от 5 до 60 секунд</translation>
    </message>
    <message>
        <source>plain http to a non-local host: the token travels in clear</source>
        <translation>обычный http к нелокальному хосту: токен передаётся открытым текстом</translation>
    </message>
    <message>
        <source>Connection form</source>
        <translation>Форма подключения</translation>
    </message>
    <message>
        <source>sh&amp;ow</source>
        <translation>по&amp;казать</translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation>Показать токен</translation>
    </message>
    <message>
        <source>How long one receiveNotification waits for a notification (5 to 60 s)</source>
        <translation>Таймаут ожидания уведомления одним запросом receiveNotification (от 5 до 60 с)</translation>
    </message>
    <message>
        <source>manual (hold until deleted)</source>
        <translation>вручную (ждать удаления)</translation>
    </message>
    <message>
        <source>Hold the head of the queue: no further poll until you delete or skip it</source>
        <translation>Держать первое уведомление очереди: следующий запрос только после того, как вы его удалите или пропустите</translation>
    </message>
    <message>
        <source>&amp;Save profile…</source>
        <translation>Со&amp;хранить профиль…</translation>
    </message>
    <message>
        <source>De&amp;lete profile</source>
        <translation>Уда&amp;лить профиль</translation>
    </message>
    <message>
        <source>an http:// or https:// URL with a host, no spaces</source>
        <translation>нужен URL http:// или https:// с именем хоста, без пробелов</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>П&amp;рофиль</translation>
    </message>
    <message>
        <source>API &amp;URL</source>
        <translation>Адрес &amp;API</translation>
    </message>
    <message>
        <source>&amp;idInstance</source>
        <translation>&amp;idInstance</translation>
    </message>
    <message>
        <source>apiTo&amp;kenInstance</source>
        <translation>apiTo&amp;kenInstance</translation>
    </message>
    <message>
        <source>&amp;receiveTimeout</source>
        <translation>&amp;receiveTimeout</translation>
    </message>
    <message>
        <source>A&amp;ck mode</source>
        <translation>Под&amp;тверждение</translation>
    </message>
    <message>
        <source>Debug &amp;webhook</source>
        <translation>Отладочный ве&amp;бхук</translation>
    </message>
    <message>
        <source>Hide the connection fields</source>
        <translation>Скрыть поля подключения</translation>
    </message>
    <message>
        <source>Show the connection fields</source>
        <translation>Показать поля подключения</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>вручную</translation>
    </message>
    <message>
        <source>instance {0} at {1} · {2}</source>
        <translation>инстанс {0} на {1} · {2}</translation>
    </message>
    <message>
        <source>no OS keyring: saved tokens are kept for this session only</source>
        <translation>нет хранилища ключей ОС: сохранённые токены живут только до конца сеанса</translation>
    </message>
    <message>
        <source>profile {0!r} loaded</source>
        <translation>профиль {0!r} загружен</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>Сохранить профиль</translation>
    </message>
    <message>
        <source>Profile name:</source>
        <translation>Имя профиля:</translation>
    </message>
    <message>
        <source>instance {0}</source>
        <translation>инстанс {0}</translation>
    </message>
    <message>
        <source>profile {0!r} saved (token in the OS keyring)</source>
        <translation>профиль {0!r} сохранён (токен — в хранилище ключей ОС)</translation>
    </message>
    <message>
        <source>profile {0!r} saved (token in memory, this session only)</source>
        <translation>профиль {0!r} сохранён (токен — в памяти, только на этот сеанс)</translation>
    </message>
    <message>
        <source>profile {0!r} deleted</source>
        <translation>профиль {0!r} удалён</translation>
    </message>
</context>
<context>
    <name>ConnectionPane</name>
    <message>
        <source>Start</source>
        <translation>Старт</translation>
    </message>
    <message>
        <source>Start polling</source>
        <translation>Начать опрос</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
    <message>
        <source>Stop polling</source>
        <translation>Остановить опрос</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Повторить сейчас</translation>
    </message>
    <message>
        <source>Try the server again without waiting</source>
        <translation>Обратиться к серверу снова, не дожидаясь</translation>
    </message>
    <message>
        <source>Use local sandbox</source>
        <translation>Локальная песочница</translation>
    </message>
    <message>
        <source>No saved profile yet: try the local sandbox — no account or network needed.</source>
        <translation>Сохранённых профилей пока нет: попробуйте локальную песочницу — без аккаунта и сети.</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Инспектор</translation>
    </message>
    <message>
        <source>Composer</source>
        <translation>Конструктор</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Очередь</translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation>Диагностика</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>Это действие нельзя отменить.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>причина не указана</translation>
    </message>
    <message>
        <source>last request answered HTTP {0} in {1:.0f} ms</source>
        <translation>последний запрос: ответ HTTP {0} за {1:.0f} мс</translation>
    </message>
    <message>
        <source>long poll answered in {0:.0f} ms with a notification</source>
        <translation>запрос с ожиданием вернул уведомление за {0:.0f} мс</translation>
    </message>
    <message>
        <source>long poll answered after {0:.1f} s (empty)</source>
        <translation>ожидание уведомления закончилось через {0:.1f} с (уведомлений нет)</translation>
    </message>
    <message>
        <source>long poll answered after {0} s (empty); the request itself took {1:.0f} ms</source>
        <translation>ожидание уведомления закончилось через {0} с (уведомлений нет); сам запрос занял {1:.0f} мс</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>Состояние подключения</translation>
    </message>
    <message>
        <source>Queue alarm</source>
        <translation>Тревога очереди</translation>
    </message>
    <message>
        <source>Compare notifications — instance {0}</source>
        <translation>Сравнение уведомлений — инстанс {0}</translation>
    </message>
    <message>
        <source>new connection</source>
        <translation>новое подключение</translation>
    </message>
    <message>
        <source>local sandbox at {0}, instance {1}</source>
        <translation>локальная песочница {0}, инстанс {1}</translation>
    </message>
    <message>
        <source>Delete every notification waiting in the queue of instance {0} at {1}?</source>
        <translation>Удалить все уведомления из очереди входящих уведомлений инстанса {0} на {1}?</translation>
    </message>
    <message>
        <source>Clear queue</source>
        <translation>Очистить очередь</translation>
    </message>
    <message>
        <source>HTTP {0}: the server refused this {1}</source>
        <translation>HTTP {0}: сервер отклонил {1}</translation>
    </message>
    <message>
        <source>queue cleared</source>
        <translation>очередь очищена</translation>
    </message>
    <message>
        <source>GREEN-API allows one clear a minute: Clear queue again in {0} s</source>
        <translation>GREEN-API разрешает очистку раз в минуту: снова можно через {0} с</translation>
    </message>
    <message>
        <source>queue not cleared: {0}</source>
        <translation>очередь не очищена: {0}</translation>
    </message>
    <message>
        <source>ALTERED: {0}</source>
        <translation>ИЗМЕНЕНО: {0}</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>без изменений</translation>
    </message>
    <message>
        <source>probe round trip {0:.1f} ms (late: {1}), {2}</source>
        <translation>проба прошла круг за {0:.1f} мс (опоздала на {1}), {2}</translation>
    </message>
    <message>
        <source>probe round trip {0:.1f} ms, {1}</source>
        <translation>проба прошла круг за {0:.1f} мс, {1}</translation>
    </message>
    <message>
        <source>last request {0:.0f} ms</source>
        <translation>последний запрос {0:.0f} мс</translation>
    </message>
    <message>
        <source>received {0} · deleted {1} · {2:.1f}/s</source>
        <translation>получено {0} · удалено {1} · {2:.1f}/с</translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <source>- only on the left · + only on the right · ~ changed (the first column)</source>
        <translation>- только слева · + только справа · ~ изменено (первый столбец)</translation>
    </message>
    <message>
        <source>Changed paths</source>
        <translation>Изменённые пути</translation>
    </message>
    <message>
        <source>Click a path to scroll both sides to it</source>
        <translation>Щёлкните путь, чтобы прокрутить к нему обе стороны</translation>
    </message>
    <message>
        <source>Left notification (JSON)</source>
        <translation>Левое уведомление (JSON)</translation>
    </message>
    <message>
        <source>Right notification (JSON)</source>
        <translation>Правое уведомление (JSON)</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>Сравнение…</translation>
    </message>
    <message>
        <source>The two notifications are identical.</source>
        <translation>Уведомления совпадают.</translation>
    </message>
    <message>
        <source>{0} changed path(s).</source>
        <translation>Изменённых путей: {0}.</translation>
    </message>
    <message>
        <source>More than {0} changed paths: the first {0} are listed.</source>
        <translation>Изменённых путей больше {0}: показаны первые {0}.</translation>
    </message>
    <message>
        <source>Only the first {0} lines of each side are shown.</source>
        <translation>С каждой стороны показаны только первые {0} строк.</translation>
    </message>
    <message>
        <source>Presentation mode: phone numbers and names are masked.</source>
        <translation>Режим презентации: номера телефонов и имена замаскированы.</translation>
    </message>
    <message>
        <source>{0}: added {1}</source>
        <translation>{0}: добавлено {1}</translation>
    </message>
    <message>
        <source>{0}: removed {1}</source>
        <translation>{0}: удалено {1}</translation>
    </message>
    <message>
        <source>{0}: {1} → {2}</source>
        <translation>{0}: {1} → {2}</translation>
    </message>
</context>
<context>
    <name>Doctor</name>
    <message>
        <source>the instance is not authorized: no phone is linked, so nothing arrives</source>
        <translation>инстанс не авторизован: телефон не привязан, поэтому уведомления не приходят</translation>
    </message>
    <message>
        <source>link the phone: scan the QR code in the GREEN-API console</source>
        <translation>привяжите телефон: отсканируйте QR-код в личном кабинете GREEN-API</translation>
    </message>
    <message>
        <source>the instance is starting (up to 5 minutes after a start or a settings change)</source>
        <translation>инстанс запускается (до 5 минут после запуска или изменения настроек)</translation>
    </message>
    <message>
        <source>wait: notifications arrive once it is authorized</source>
        <translation>подождите: уведомления начнут приходить, когда инстанс будет авторизован</translation>
    </message>
    <message>
        <source>the WhatsApp account of the instance is blocked</source>
        <translation>аккаунт WhatsApp этого инстанса заблокирован</translation>
    </message>
    <message>
        <source>the account must be unblocked by WhatsApp before anything arrives</source>
        <translation>пока WhatsApp не разблокирует аккаунт, уведомления не придут</translation>
    </message>
    <message>
        <source>the instance is in sleep mode: the phone is offline</source>
        <translation>инстанс в спящем режиме: телефон не в сети</translation>
    </message>
    <message>
        <source>open WhatsApp on the phone and keep it online</source>
        <translation>откройте WhatsApp на телефоне и не отключайте его от сети</translation>
    </message>
    <message>
        <source>WhatsApp restricted the account (yellow card): messages may not be delivered</source>
        <translation>WhatsApp ограничил аккаунт (жёлтая карточка): сообщения могут не доставляться</translation>
    </message>
    <message>
        <source>pause sending for a while, then send to known contacts</source>
        <translation>на время прекратите рассылку, затем пишите только знакомым контактам</translation>
    </message>
    <message>
        <source>the instance reports an unknown state {state}</source>
        <translation>инстанс сообщает неизвестное состояние {state}</translation>
    </message>
    <message>
        <source>ask GREEN-API's support what this state means</source>
        <translation>спросите у поддержки GREEN-API, что означает это состояние</translation>
    </message>
    <message>
        <source>webhookUrl is set ({where}): GREEN-API sends notifications there, so the queue stays empty</source>
        <translation>задан webhookUrl ({where}): GREEN-API отправляет уведомления туда, и очередь входящих уведомлений остаётся пустой</translation>
    </message>
    <message>
        <source>empty webhookUrl to use the queue</source>
        <translation>очистите webhookUrl, чтобы уведомления шли в очередь</translation>
    </message>
    <message>
        <source>{setting} is {value}: {sends} are not sent</source>
        <translation>{setting} = {value}: уведомления «{sends}» не отправляются</translation>
    </message>
    <message>
        <source>set {setting} to yes</source>
        <translation>установите {setting} = yes</translation>
    </message>
    <message>
        <source>a quotaExceeded notification (receipt {receipt}) is at the head of the queue: a consumer that does not delete it sees nothing behind it</source>
        <translation>в начале очереди уведомление quotaExceeded (идентификатор доставки {receipt}): получатель, который его не удаляет, не видит ничего за ним</translation>
    </message>
    <message>
        <source>delete it (greenconsole receive --delete --max 1, or Delete in the window)</source>
        <translation>удалите его (greenconsole receive --delete --max 1 или «Удалить» в окне)</translation>
    </message>
    <message>
        <source>the oldest queued notification is {hours} h old: GREEN-API drops notifications after 24 h</source>
        <translation>самому старому уведомлению в очереди {hours} ч: GREEN-API удаляет уведомления, которые пролежали в очереди 24 ч</translation>
    </message>
    <message>
        <source>drain the queue (greenconsole receive --delete)</source>
        <translation>получите и удалите все уведомления из очереди (greenconsole receive --delete)</translation>
    </message>
    <message>
        <source>incoming messages (incomingMessageReceived)</source>
        <translation>входящие сообщения (incomingMessageReceived)</translation>
    </message>
    <message>
        <source>messages sent from the phone (outgoingMessageReceived)</source>
        <translation>сообщения, отправленные с телефона (outgoingMessageReceived)</translation>
    </message>
    <message>
        <source>messages sent through the API (outgoingAPIMessageReceived)</source>
        <translation>сообщения, отправленные через API (outgoingAPIMessageReceived)</translation>
    </message>
    <message>
        <source>message statuses (outgoingMessageStatus)</source>
        <translation>статусы сообщений (outgoingMessageStatus)</translation>
    </message>
    <message>
        <source>instance state changes (stateInstanceChanged)</source>
        <translation>изменения состояния инстанса (stateInstanceChanged)</translation>
    </message>
    <message>
        <source>polls and votes (pollMessage, pollUpdateMessage)</source>
        <translation>опросы и голоса (pollMessage, pollUpdateMessage)</translation>
    </message>
    <message>
        <source>calls (incomingCall)</source>
        <translation>звонки (incomingCall)</translation>
    </message>
</context>
<context>
    <name>DoctorPanel</name>
    <message>
        <source>Not checked yet.</source>
        <translation>Проверки ещё не было.</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>Проверить</translation>
    </message>
    <message>
        <source>Apply the fix…</source>
        <translation>Исправить…</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Найденные проблемы</translation>
    </message>
    <message>
        <source>Fill in the connection form to check.</source>
        <translation>Заполните параметры подключения, чтобы проверить инстанс.</translation>
    </message>
    <message>
        <source>Apply the fix</source>
        <translation>Исправление</translation>
    </message>
    <message>
        <source>Change {0} on instance {1}?

setSettings reboots the instance: it is starting for a while, GREEN-API applies new settings within 5 minutes, and notifications wait in the queue meanwhile. The settings are then read back until they hold.</source>
        <translation>Изменить {0} на инстансе {1}?

setSettings перезагружает инстанс: какое-то время он запускается, GREEN-API применяет новые настройки в течение 5 минут, а уведомления тем временем ждут в очереди. Затем настройки будут перечитываться, пока не сохранятся.</translation>
    </message>
    <message>
        <source>Could not check: {0}</source>
        <translation>Проверить не удалось: {0}</translation>
    </message>
    <message>
        <source>Saving the settings, then reading them back…</source>
        <translation>Сохраняем настройки и перечитываем их…</translation>
    </message>
    <message>
        <source>GREEN-API said the settings were saved, but after {0:.0f} s {1} still differ: apply the fix again.</source>
        <translation>GREEN-API ответил, что настройки сохранены, но через {0:.0f} с {1} всё ещё другие: исправьте ещё раз.</translation>
    </message>
    <message>
        <source>The settings hold (read back after {0:.0f} s).</source>
        <translation>Настройки сохранились (перечитаны через {0:.0f} с).</translation>
    </message>
    <message>
        <source>webhookUrl set</source>
        <translation>задан webhookUrl</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>очередь</translation>
    </message>
    <message>
        <source>, {0} waiting</source>
        <translation>, ждут: {0}</translation>
    </message>
    <message>
        <source>No problem found: notifications should arrive.</source>
        <translation>Проблем не найдено: уведомления должны приходить.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found.</source>
        <translation>
            <numerusform>Найдена %n проблема.</numerusform>
            <numerusform>Найдено %n проблемы.</numerusform>
            <numerusform>Найдено %n проблем.</numerusform>
        </translation>
    </message>
    <message>
        <source>State: {0} · {1}{2} · checked at {3}. {4}</source>
        <translation>Состояние: {0} · {1}{2} · проверено в {3}. {4}</translation>
    </message>
    <message>
        <source>{0}
→ fix: {1}</source>
        <translation>{0}
→ исправление: {1}</translation>
    </message>
</context>
<context>
    <name>DrainProcess</name>
    <message>
        <source>the drain process did not start: {0}</source>
        <translation>процесс выборки не запустился: {0}</translation>
    </message>
    <message>
        <source>the drain process was killed (signal {0})</source>
        <translation>процесс выборки был убит (сигнал {0})</translation>
    </message>
    <message>
        <source>the drain process ended unexpectedly (exit code {0}){1}</source>
        <translation>процесс выборки неожиданно завершился (код выхода {0}){1}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <source>Mask phone numbers and names</source>
        <translation>Маскировать номера телефонов и имена</translation>
    </message>
    <message>
        <source>Write 7900•••4567 and I••• instead of the real numbers and names; a masked export is not replayed unless you ask for it</source>
        <translation>Записать 7900•••4567 и I••• вместо настоящих номеров и имён; замаскированный экспорт не воспроизводится, если вы не попросите об этом</translation>
    </message>
</context>
<context>
    <name>FeedCompare</name>
    <message>
        <source>Compare: select exactly two notifications ({0} selected)</source>
        <translation>Сравнение: выберите ровно два уведомления (выбрано: {0})</translation>
    </message>
    <message>
        <source>Compare with previous</source>
        <translation>Сравнение с предыдущим</translation>
    </message>
    <message>
        <source>receipt {0} has no chatId: it has no previous notification to compare</source>
        <translation>у уведомления с идентификатором доставки {0} нет chatId: сравнивать его не с чем</translation>
    </message>
    <message>
        <source>no earlier notification of chat {0} in this journal</source>
        <translation>в этом журнале нет более раннего уведомления чата {0}</translation>
    </message>
    <message>
        <source>Edit and resend</source>
        <translation>Изменить и отправить снова</translation>
    </message>
    <message>
        <source>Edit and resend: receipt {0} is masked ({1} holds •••) and its real body is not in this journal; a masked body is never sent</source>
        <translation>Изменить и отправить снова: уведомление с идентификатором доставки {0} замаскировано ({1} содержит •••), а его настоящего тела в этом журнале нет; замаскированное тело никогда не отправляется</translation>
    </message>
    <message>
        <source>{0}: select one notification ({1} selected)</source>
        <translation>{0}: выберите одно уведомление (выбрано: {1})</translation>
    </message>
    <message>
        <source>this row is a malformed answer, not a notification: {0}</source>
        <translation>эта строка — некорректный ответ, а не уведомление: {0}</translation>
    </message>
    <message>
        <source>receipt {0} · {1} · {2} · {3}</source>
        <translation>идентификатор доставки {0} · {1} · {2} · {3}</translation>
    </message>
    <message>
        <source>from receipt {0} ({1}, received {2}): edit it, then Send posts it to the debug webhook</source>
        <translation>из уведомления с идентификатором доставки {0} ({1}, получено в {2}): измените его, и «Отправить» отправит его на отладочный вебхук</translation>
    </message>
</context>
<context>
    <name>FeedFilter</name>
    <message>
        <source>Filter the journal</source>
        <translation>Фильтр журнала</translation>
    </message>
    <message>
        <source>Filter the journal: text  type:…  chat:…  id:…  messageData.typeMessage:…  -term  a OR b</source>
        <translation>Фильтр журнала: текст  type:…  chat:…  id:…  messageData.typeMessage:…  -слово  a OR b</translation>
    </message>
    <message>
        <source>Filter result</source>
        <translation>Результат фильтра</translation>
    </message>
    <message>
        <source>Group statuses</source>
        <translation>Группировать статусы</translation>
    </message>
    <message>
        <source>Show outgoingMessageStatus notifications on their message's row</source>
        <translation>Показывать уведомления outgoingMessageStatus в строке их сообщения</translation>
    </message>
    <message>
        <source>all types</source>
        <translation>все типы</translation>
    </message>
    <message>
        <source>filter: {0}</source>
        <translation>фильтр: {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) so far · searching…</source>
        <translation>
            <numerusform>найдено %n уведомление · поиск продолжается…</numerusform>
            <numerusform>найдено %n уведомления · поиск продолжается…</numerusform>
            <numerusform>найдено %n уведомлений · поиск продолжается…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) in the imported rows · {0} ms</source>
        <translation>
            <numerusform>%n подходящее уведомление в импортированных строках · {0} мс</numerusform>
            <numerusform>%n подходящих уведомления в импортированных строках · {0} мс</numerusform>
            <numerusform>%n подходящих уведомлений в импортированных строках · {0} мс</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) in the journal · {0} ms</source>
        <translation>
            <numerusform>%n подходящее уведомление в журнале · {0} мс</numerusform>
            <numerusform>%n подходящих уведомления в журнале · {0} мс</numerusform>
            <numerusform>%n подходящих уведомлений в журнале · {0} мс</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FeedHistory</name>
    <message>
        <source>loaded {0} older capture(s)</source>
        <translation>загружено старых записей: {0}</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>Очистить историю</translation>
    </message>
    <message>
        <source>Delete all {0} captures from the local journal {1}?
The server queues are not touched.</source>
        <translation>Удалить все записи ({0}) из локального журнала {1}?
Очереди на сервере не затрагиваются.</translation>
    </message>
    <message>
        <source>history cleared</source>
        <translation>история очищена</translation>
    </message>
</context>
<context>
    <name>FeedModel</name>
    <message>
        <source>Received</source>
        <translation>Получено</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>ID доставки</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Чат</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Отправитель</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Содержание</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Возраст</translation>
    </message>
    <message>
        <source>Receipt id (receiptId): what deletes the notification</source>
        <translation>Идентификатор доставки (receiptId): по нему уведомление удаляют из очереди</translation>
    </message>
    <message>
        <source>Bytes of the notification as received (receiptId and body)</source>
        <translation>Размер уведомления в байтах, как оно получено (receiptId и body)</translation>
    </message>
    <message>
        <source>Time since the notification was received</source>
        <translation>Сколько времени прошло с получения уведомления</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>показано</translation>
    </message>
    <message>
        <source>holding</source>
        <translation>удерживается</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>пропущено</translation>
    </message>
    <message>
        <source>deleting…</source>
        <translation>удаляется…</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>удалено</translation>
    </message>
    <message>
        <source>delete failed</source>
        <translation>не удалось удалить</translation>
    </message>
    <message>
        <source>malformed</source>
        <translation>испорчено</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>импортировано</translation>
    </message>
    <message>
        <source>released (still queued)</source>
        <translation>отпущено (осталось в очереди)</translation>
    </message>
    <message>
        <source>history</source>
        <translation>история</translation>
    </message>
    <message>
        <source>came back ×{0}</source>
        <translation>вернулось ×{0}</translation>
    </message>
    <message>
        <source>duplicate {0}</source>
        <translation>дубликат {0}</translation>
    </message>
    <message>
        <source>redelivery</source>
        <translation>повторная доставка</translation>
    </message>
    <message>
        <source>handler {0} (attempt {1})</source>
        <translation>обработчик {0} (попытка {1})</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>нет ответа</translation>
    </message>
    <message>
        <source>{0} B</source>
        <translation>{0} Б</translation>
    </message>
    <message>
        <source>{0} KB</source>
        <translation>{0} КБ</translation>
    </message>
    <message>
        <source>{0} MB</source>
        <translation>{0} МБ</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} с</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} мин</translation>
    </message>
    <message>
        <source>{0} h</source>
        <translation>{0} ч</translation>
    </message>
    <message>
        <source>{0} d</source>
        <translation>{0} дн.</translation>
    </message>
    <message>
        <source>.</source>
        <comment>decimal point</comment>
        <translation>,</translation>
    </message>
    <message>
        <source>not in the journal any more</source>
        <translation>больше нет в журнале</translation>
    </message>
</context>
<context>
    <name>FeedPanel</name>
    <message>
        <source>Notifications</source>
        <translation>Уведомления</translation>
    </message>
    <message>
        <source>Feed result</source>
        <translation>Результат действия с лентой</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>Вернуться к живой ленте</translation>
    </message>
    <message>
        <source>Delete selected</source>
        <translation>Удалить выбранные</translation>
    </message>
    <message>
        <source>Delete the selected notifications</source>
        <translation>Удалить выбранные уведомления</translation>
    </message>
    <message>
        <source>Retry failed deletes</source>
        <translation>Повторить неудачные удаления</translation>
    </message>
    <message>
        <source>Skip for now</source>
        <translation>Пропустить пока</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>Load older captures</source>
        <translation>Загрузить более старые</translation>
    </message>
    <message>
        <source>Clear history…</source>
        <translation>Очистить историю…</translation>
    </message>
    <message>
        <source>JSON array</source>
        <translation>массив JSON</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <source>All rows as {0}…</source>
        <translation>Все строки как {0}…</translation>
    </message>
    <message>
        <source>Shown rows as {0}…</source>
        <translation>Показанные строки как {0}…</translation>
    </message>
    <message>
        <source>Selected rows as {0}…</source>
        <translation>Выбранные строки как {0}…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Импорт…</translation>
    </message>
    <message>
        <source>replay masked bodies anyway</source>
        <translation>воспроизводить и замаскированные тела</translation>
    </message>
    <message>
        <source>Replay refuses bodies with masked phone numbers or names (•••, from a masked export) unless this is ticked</source>
        <translation>Воспроизведение отказывается отправлять тела с замаскированными номерами или именами (•••, из замаскированного экспорта), если этот флажок не установлен</translation>
    </message>
    <message>
        <source>Replay selected</source>
        <translation>Воспроизвести выбранные</translation>
    </message>
    <message>
        <source>POST the selected (or all imported) notifications, in order, to the local sandbox or the form's debug webhook</source>
        <translation>Отправить выбранные (или все импортированные) уведомления по порядку в локальную песочницу или на отладочный вебхук из формы</translation>
    </message>
    <message>
        <source>deleted as its redelivery</source>
        <translation>удалено при повторной доставке</translation>
    </message>
    <message>
        <source>receipt {0} is not among the rows shown: its notification is in the inspector</source>
        <translation>уведомления с идентификатором доставки {0} нет среди показанных строк: оно открыто в инспекторе</translation>
    </message>
    <message>
        <source>Imported {0}: {1} notification(s), read-only</source>
        <translation>Импортирован {0}: уведомлений {1}, только чтение</translation>
    </message>
</context>
<context>
    <name>FeedTransfer</name>
    <message>
        <source>exported {0} notification(s) to {1}</source>
        <translation>экспортировано уведомлений: {0} → {1}</translation>
    </message>
    <message>
        <source>Import notifications</source>
        <translation>Импорт уведомлений</translation>
    </message>
    <message>
        <source>Exports (*.jsonl *.json *.ndjson);;All files (*)</source>
        <translation>Экспорт (*.jsonl *.json *.ndjson);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Импорт не удался</translation>
    </message>
    <message>
        <source>import failed: {0}</source>
        <translation>импорт не удался: {0}</translation>
    </message>
    <message>
        <source>replay: select the notifications to replay first</source>
        <translation>воспроизведение: сначала выберите уведомления</translation>
    </message>
    <message>
        <source>replay: nothing sent — notification {0} (receipt {1}) is masked: {2} holds •••; tick "replay masked bodies anyway" to post it</source>
        <translation>воспроизведение: ничего не отправлено — уведомление {0} (идентификатор доставки {1}) замаскировано: {2} содержит •••; чтобы отправить его, установите флажок «воспроизводить и замаскированные тела»</translation>
    </message>
    <message>
        <source>replay stopped: posted {0} of {1} notification(s): {2}</source>
        <translation>воспроизведение остановлено: отправлено {0} из {1} уведомлений: {2}</translation>
    </message>
    <message>
        <source>replayed {0} of {1} notification(s) to {2}</source>
        <translation>воспроизведено {0} из {1} → {2}</translation>
    </message>
</context>
<context>
    <name>Filter</name>
    <message>
        <source>OR at the start: put OR between two terms</source>
        <translation>OR в начале: ставьте OR между двумя условиями</translation>
    </message>
    <message>
        <source>OR after {term}: put OR between two terms</source>
        <translation>OR после {term}: ставьте OR между двумя условиями</translation>
    </message>
    <message>
        <source>{term} at the end: a term must follow it</source>
        <translation>{term} в конце: после него нужно условие</translation>
    </message>
    <message>
        <source>{key}{operator}: unknown key "{key}"; known keys: {keys}, or a path into the body like body.{key} or messageData.typeMessage; to search the text, quote it: "{token}"</source>
        <translation>{key}{operator}: неизвестный ключ «{key}»; известные ключи: {keys} или путь в теле уведомления, например body.{key} или messageData.typeMessage; чтобы искать этот текст, возьмите его в кавычки: "{token}"</translation>
    </message>
    <message>
        <source>{key}{operator}: a value must follow it</source>
        <translation>{key}{operator}: после ключа нужно значение</translation>
    </message>
    <message>
        <source>{token}: {key} takes {key}:value, not ~</source>
        <translation>{token}: у ключа {key} форма {key}:значение, без ~</translation>
    </message>
    <message>
        <source>{token}: expected shape:bad, shape:ok or shape:unknown</source>
        <translation>{token}: ожидается shape:bad, shape:ok или shape:unknown</translation>
    </message>
    <message>
        <source>{value}: expected a date/time like 2026-11-25T08:30 or -15m</source>
        <translation>{value}: ожидаются дата и время вида 2026-11-25T08:30 или -15m</translation>
    </message>
    <message>
        <source>{token}: a quote is not closed</source>
        <translation>{token}: кавычка не закрыта</translation>
    </message>
    <message>
        <source>{token}: holds half a character (a lone surrogate), which no text contains</source>
        <translation>{token}: здесь половина символа (одиночный суррогат), такого нет ни в одном тексте</translation>
    </message>
    <message>
        <source>{count} terms: a filter takes at most {most}</source>
        <translation>условий: {count}; в фильтре их может быть не больше {most}</translation>
    </message>
</context>
<context>
    <name>ForwardSection</name>
    <message>
        <source>Forward to a local webhook handler</source>
        <translation>Пересылка в локальный обработчик вебхуков</translation>
    </message>
    <message>
        <source>Handler URL</source>
        <translation>URL обработчика</translation>
    </message>
    <message>
        <source>optional: sent as Authorization: Bearer …</source>
        <translation>необязательно: отправляется как Authorization: Bearer …</translation>
    </message>
    <message>
        <source>webhookUrlToken</source>
        <translation>webhookUrlToken</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>GREEN-API sends a refused notification again after 60 s; 1 s suits local work</source>
        <translation>GREEN-API повторяет отклонённое уведомление через 60 с; для локальной работы удобнее 1 с</translation>
    </message>
    <message>
        <source>Pause before sending again</source>
        <translation>Пауза перед повторной отправкой</translation>
    </message>
    <message>
        <source>Forward each notification before its delete</source>
        <translation>Пересылать каждое уведомление перед удалением</translation>
    </message>
    <message>
        <source>Off.</source>
        <translation>Выключено.</translation>
    </message>
    <message>
        <source>Handler:</source>
        <translation>Обработчик:</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Токен:</translation>
    </message>
    <message>
        <source>Pause:</source>
        <translation>Пауза:</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>Обработчик</translation>
    </message>
    <message>
        <source>On: notifications go to {0}, then are deleted after a 2xx.</source>
        <translation>Включено: уведомления отправляются в {0} и удаляются после ответа 2xx.</translation>
    </message>
    <message>
        <source>{0} in {1:.0f} ms</source>
        <translation>{0} за {1:.0f} мс</translation>
    </message>
    <message>
        <source>no answer ({0})</source>
        <translation>нет ответа ({0})</translation>
    </message>
    <message>
        <source>Delivered: {0}, refused: {1}. Last: receipt {2} → {3}</source>
        <translation>Доставлено: {0}, отклонено: {1}. Последнее: идентификатор доставки {2} → {3}</translation>
    </message>
</context>
<context>
    <name>HealthChart</name>
    <message>
        <source>depth ≤ {0}   rates ≤ {1:.1f}/s   last {2:.0f} s</source>
        <translation>глубина ≤ {0}   темп ≤ {1:.1f}/с   за {2:.0f} с</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Notification as JSON text</source>
        <translation>Уведомление в виде текста JSON</translation>
    </message>
    <message>
        <source>Find in JSON (Enter: next)</source>
        <translation>Найти в JSON (Enter — далее)</translation>
    </message>
    <message>
        <source>Find in the notification</source>
        <translation>Найти в уведомлении</translation>
    </message>
    <message>
        <source>Notification as a tree</source>
        <translation>Уведомление в виде дерева</translation>
    </message>
    <message>
        <source>Status timeline</source>
        <translation>Хронология статусов</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>Интервал</translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation>Развернуть всё</translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation>Свернуть всё</translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation>Копировать значение</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Копировать путь</translation>
    </message>
    <message>
        <source>Copy JSON</source>
        <translation>Копировать JSON</translation>
    </message>
    <message>
        <source>Show invisibles</source>
        <translation>Показывать невидимые символы</translation>
    </message>
    <message>
        <source>Show control, bidi and zero-width characters as escapes (\u200b, \u202e); Copy value and Copy JSON copy the real text</source>
        <translation>Управляющие символы, символы направления текста (bidi) и символы нулевой ширины показываются escape-последовательностями (\u200b, \u202e); «Копировать значение» и «Копировать JSON» копируют исходный текст</translation>
    </message>
    <message>
        <source>Preparing a big body…</source>
        <translation>Подготовка большого уведомления…</translation>
    </message>
    <message>
        <source>{0} is deprecated: GREEN-API keeps it for backward compatibility (replies carry a quotedMessage field now)</source>
        <translation>{0} устарел: GREEN-API сохраняет его для обратной совместимости (ответы теперь содержат поле quotedMessage)</translation>
    </message>
    <message>
        <source>{0} is deprecated: GREEN-API documents it as temporarily not working</source>
        <translation>{0} устарел: GREEN-API описывает его как временно не работающий</translation>
    </message>
    <message>
        <source>⚠ Status timeline of {0}: the message itself was never seen (not in the journal)</source>
        <translation>⚠ Хронология статусов {0}: самого сообщения консоль не получала (его нет в журнале)</translation>
    </message>
    <message>
        <source>Status timeline of {0}: sent {1}</source>
        <translation>Хронология статусов {0}: отправлено {1}</translation>
    </message>
    <message>
        <source> — no status received yet</source>
        <translation> — статусов пока нет</translation>
    </message>
    <message>
        <source>⚠ reached the console before the message: {0}</source>
        <translation>⚠ раньше самого сообщения в консоль пришло: {0}</translation>
    </message>
    <message>
        <source>⚠ skipped, never received: {0}</source>
        <translation>⚠ пропущено, так и не получено: {0}</translation>
    </message>
    <message>
        <source>+{0:.1f} s</source>
        <translation>+{0:.1f} с</translation>
    </message>
    <message>
        <source>copied value ({0} characters)</source>
        <translation>значение скопировано (символов: {0})</translation>
    </message>
    <message>
        <source>{0} characters: highlighting off for bodies over {1}; the text view folds lines longer than {2} characters and the tree shows {3} children at a time (Copy JSON copies the whole text)</source>
        <translation>{0} символов: подсветка отключена для уведомлений больше {1}; текст переносит строки длиннее {2} символов, дерево показывает по {3} элементов за раз («Копировать JSON» копирует весь текст)</translation>
    </message>
    <message>
        <source>copying the value as soon as it is prepared…</source>
        <translation>значение будет скопировано, как только будет готово…</translation>
    </message>
    <message>
        <source>copied path ({0} characters)</source>
        <translation>путь скопирован (символов: {0})</translation>
    </message>
    <message>
        <source>copied JSON ({0} characters)</source>
        <translation>JSON скопирован (символов: {0})</translation>
    </message>
    <message>
        <source>copying the JSON as soon as it is prepared…</source>
        <translation>JSON будет скопирован, как только будет готов…</translation>
    </message>
    <message>
        <source>{0!r} not found</source>
        <translation>{0!r} не найдено</translation>
    </message>
</context>
<context>
    <name>JsonTreeModel</name>
    <message>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>… {0} more</source>
        <translation>… ещё {0}</translation>
    </message>
    <message>
        <source>double-click to show the next {0}</source>
        <translation>двойной щелчок — показать следующие {0}</translation>
    </message>
    <message>
        <source>{0}, {1} characters</source>
        <translation>{0}, символов: {1}</translation>
    </message>
</context>
<context>
    <name>LinksSection</name>
    <message>
        <source>→ message</source>
        <translation>→ сообщение</translation>
    </message>
    <message>
        <source>← status</source>
        <translation>← статус</translation>
    </message>
    <message>
        <source>← reply</source>
        <translation>← ответ</translation>
    </message>
    <message>
        <source>← reaction</source>
        <translation>← реакция</translation>
    </message>
    <message>
        <source>← edit</source>
        <translation>← правка</translation>
    </message>
    <message>
        <source>← deletion</source>
        <translation>← удаление</translation>
    </message>
    <message>
        <source>← poll vote</source>
        <translation>← голос в опросе</translation>
    </message>
    <message>
        <source>← choice</source>
        <translation>← выбор</translation>
    </message>
    <message>
        <source>Linked notifications</source>
        <translation>Связанные уведомления</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Связь</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>ID доставки</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Содержание</translation>
    </message>
    <message>
        <source>Click a link to select its row in the feed</source>
        <translation>Нажмите на связь, чтобы выделить её строку в ленте</translation>
    </message>
    <message>
        <source>Links of {0}</source>
        <translation>Связи {0}</translation>
    </message>
    <message>
        <source>message {0} is not in the imported file</source>
        <translation>сообщения {0} нет в импортированном файле</translation>
    </message>
    <message>
        <source>message {0} is not in this journal: it was not captured by this console</source>
        <translation>сообщения {0} нет в этом журнале: эта консоль его не получала</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>… и ещё {0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Presentation mode</source>
        <translation>Режим презентации</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Язык системы</translation>
    </message>
    <message>
        <source>{0} tab(s) are polling ({1} holding a notification). Closing stops polling; whatever is not deleted stays queued on the server (the local sandbox keeps its queue too) and is received again next time. Close?</source>
        <translation>Вкладок в опросе: {0} (держат уведомление: {1}). Закрытие остановит опрос; всё неудалённое останется в очереди на сервере (локальная песочница тоже сохраняет очередь) и будет получено в следующий раз. Закрыть?</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Новое подключение</translation>
    </message>
    <message>
        <source>New connection tab</source>
        <translation>Новая вкладка подключения</translation>
    </message>
    <message>
        <source>Connection tabs</source>
        <translation>Вкладки подключений</translation>
    </message>
    <message>
        <source>Screen sharing: the token stays hidden; phone numbers (7900•••4567), names and the instance id are masked in the feed, inspector, composer, compare window and tab titles; exports offer masking</source>
        <translation>Показ экрана: токен скрыт; номера телефонов (7900•••4567), имена и номер инстанса замаскированы в ленте, инспекторе, конструкторе, окне сравнения и заголовках вкладок; экспорт предлагает маскирование</translation>
    </message>
    <message>
        <source>{0}: {1} — {2}</source>
        <translation>{0}: {1} — {2}</translation>
    </message>
    <message>
        <source>The window reopens in the new language; polling tabs pause for a moment and go on. Continue?</source>
        <translation>Окно откроется заново на новом языке; вкладки в опросе ненадолго приостановятся и продолжат. Продолжить?</translation>
    </message>
    <message>
        <source>The window reopens in the new language. The Doctor's fix being read back is abandoned: the server keeps what it saved, and you will not learn here whether the settings held (check again after the switch). Continue?</source>
        <translation>Окно откроется заново на выбранном языке. Проверка исправления на вкладке «Диагностика» будет прервана: сервер сохранит то, что уже сохранил, но узнать здесь, применились ли настройки, не получится (проверьте ещё раз после переключения). Продолжить?</translation>
    </message>
    <message>
        <source>unexpected error: {0}: {1}</source>
        <translation>непредвиденная ошибка: {0}: {1}</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Непредвиденная ошибка</translation>
    </message>
    <message>
        <source>{0}: {1}

Details are in the log; later errors show in the status bar.</source>
        <translation>{0}: {1}

Подробности — в журнале работы; следующие ошибки будут в строке состояния.</translation>
    </message>
</context>
<context>
    <name>MissingSection</name>
    <message>
        <source>Missing notifications</source>
        <translation>Потерянные уведомления</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>How far back</source>
        <translation>За какой период</translation>
    </message>
    <message>
        <source>Find missing notifications</source>
        <translation>Найти потерянные уведомления</translation>
    </message>
    <message>
        <source>Compare what this console captured with lastIncomingMessages and lastOutgoingMessages; the last 2 minutes are left unjudged (the journals lag)</source>
        <translation>Сравнить полученное консолью с lastIncomingMessages и lastOutgoingMessages; последние 2 минуты не оцениваются (журналы запаздывают)</translation>
    </message>
    <message>
        <source>Missing notifications found</source>
        <translation>Найденные потерянные уведомления</translation>
    </message>
    <message>
        <source>Since:</source>
        <translation>За последние:</translation>
    </message>
    <message>
        <source>Fill in the connection form to check.</source>
        <translation>Заполните параметры подключения, чтобы проверить инстанс.</translation>
    </message>
    <message>
        <source>Could not check: {0}</source>
        <translation>Проверить не удалось: {0}</translation>
    </message>
    <message>
        <source>{0} message(s) in the server's journals, {1} captured notification(s), {2} too recent to judge: {3} missing.</source>
        <translation>Сообщений в журналах сервера: {0}, полученных уведомлений: {1}, слишком свежих, чтобы судить: {2}; потеряно: {3}.</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>потеряно</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>внимание</translation>
    </message>
</context>
<context>
    <name>NewRowsChip</name>
    <message>
        <source>New notifications below</source>
        <translation>Новые уведомления ниже</translation>
    </message>
    <message>
        <source>Go to the newest notification</source>
        <translation>Перейти к последнему уведомлению</translation>
    </message>
    <message>
        <source>{0} new ↓</source>
        <translation>новых: {0} ↓</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>queue depth: —</source>
        <translation>глубина очереди: —</translation>
    </message>
    <message>
        <source>Refresh depth</source>
        <translation>Обновить глубину</translation>
    </message>
    <message>
        <source>Clear queue…</source>
        <translation>Очистить очередь…</translation>
    </message>
    <message>
        <source>&lt;span style="color:{0}"&gt;━ depth&lt;/span&gt; &amp;nbsp; &lt;span style="color:{1}"&gt;━ received/s&lt;/span&gt; &amp;nbsp; &lt;span style="color:{2}"&gt;━ deleted/s&lt;/span&gt;</source>
        <translation>&lt;span style="color:{0}"&gt;━ глубина&lt;/span&gt; &amp;nbsp; &lt;span style="color:{1}"&gt;━ получено/с&lt;/span&gt; &amp;nbsp; &lt;span style="color:{2}"&gt;━ удалено/с&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Round-trip probes: none yet (Composer ▸ Send probe)</source>
        <translation>Пробы: пока нет (Конструктор ▸ Отправить пробу)</translation>
    </message>
    <message>
        <source>Changes of the altered probe</source>
        <translation>Изменения искажённой пробы</translation>
    </message>
    <message>
        <source>Changed path</source>
        <translation>Изменённый путь</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Отправлено</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Получено</translation>
    </message>
    <message>
        <source>Depth is refreshed every 10 s while polling.</source>
        <translation>Во время опроса глубина обновляется каждые 10 с.</translation>
    </message>
    <message>
        <source>queue depth: {0}</source>
        <translation>глубина очереди: {0}</translation>
    </message>
    <message>
        <source>queue depth: ? ({0})</source>
        <translation>глубина очереди: ? ({0})</translation>
    </message>
    <message>
        <source>Clear queue (in {0} s)</source>
        <translation>Очистить очередь (через {0} с)</translation>
    </message>
    <message>
        <source>GREEN-API allows one clear a minute: Clear queue is possible again in {0} s.</source>
        <translation>GREEN-API разрешает очищать очередь раз в минуту: снова очистить можно через {0} с.</translation>
    </message>
    <message>
        <source>Delete every notification waiting in the queue (once a minute).</source>
        <translation>Удалить все уведомления из очереди (не чаще раза в минуту).</translation>
    </message>
    <message>
        <source>How many notifications wait in the queue is not known yet (Refresh depth).</source>
        <translation>Сколько уведомлений в очереди, пока неизвестно (нажмите «Обновить глубину»).</translation>
    </message>
    <message>
        <source>Notifications that will be lost: about {0} (the queue depth as of {1} ago).</source>
        <translation>Будут потеряны уведомления: около {0} (глубина очереди, полученная {1} назад).</translation>
    </message>
    <message>
        <source>time to empty: unknown (no queue depth yet)</source>
        <translation>до опустошения: неизвестно (глубина очереди ещё не получена)</translation>
    </message>
    <message>
        <source>The queue is not emptying at this rate (nothing deleted lately).</source>
        <translation>При таком темпе очередь не опустеет (в последнее время ничего не удалялось).</translation>
    </message>
    <message>
        <source>oldest undeleted (age since received): {0}</source>
        <translation>самое старое неудалённое (возраст с получения): {0}</translation>
    </message>
    <message>
        <source>Probes waiting behind receipt {0} at the head: {1}</source>
        <translation>Проб ждёт за уведомлением в начале очереди (идентификатор доставки {0}): {1}</translation>
    </message>
    <message>
        <source>ALARM: probe {0} not seen within {1:g} s</source>
        <translation>ТРЕВОГА: проба {0} не пришла за {1:g} с</translation>
    </message>
    <message>
        <source>time to empty: {0}</source>
        <translation>до опустошения: {0}</translation>
    </message>
    <message>
        <source>received {0:.1f}/s · deleted {1:.1f}/s</source>
        <translation>получено {0:.1f}/с · удалено {1:.1f}/с</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Receipt {0} has been held for {1}; the queue waits behind it.</source>
        <translation>Уведомление с идентификатором доставки {0} удерживается уже {1}; очередь ждёт за ним.</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} с</translation>
    </message>
    <message>
        <source>{0} min {1} s</source>
        <translation>{0} мин {1} с</translation>
    </message>
    <message>
        <source>{0} h {1} min</source>
        <translation>{0} ч {1} мин</translation>
    </message>
    <message>
        <source>queue blocked by receipt {0} for {1}</source>
        <translation>очередь заблокирована уведомлением с идентификатором доставки {0} уже {1}</translation>
    </message>
    <message>
        <source>The oldest undeleted notification was queued {0} ago; GREEN-API drops it in {1}.</source>
        <translation>Самое старое неудалённое уведомление попало в очередь {0} назад; GREEN-API удалит его из очереди через {1}.</translation>
    </message>
    <message>
        <source>queue blocked by receipt {0}</source>
        <translation>очередь заблокирована, идентификатор доставки {0}</translation>
    </message>
    <message>
        <source>GREEN-API drops a notification in {0}</source>
        <translation>GREEN-API удалит уведомление через {0}</translation>
    </message>
    <message>
        <source>ALARM: probe lost</source>
        <translation>ТРЕВОГА: проба потеряна</translation>
    </message>
    <message>
        <source>{0} (+{1} more)</source>
        <translation>{0} (и ещё {1})</translation>
    </message>
    <message>
        <source>Round-trip probes: {0} ({1} lost)</source>
        <translation>Пробы: {0} (потеряно {1})</translation>
    </message>
    <message>
        <source>Came after they were reported lost: {0} (the latest late by {1})</source>
        <translation>Пробы, пришедшие после того, как их сочли потерянными: {0} (последняя опоздала на {1})</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>потеряно</translation>
    </message>
    <message>
        <source>probe latency, ms</source>
        <translation>задержка проб, мс</translation>
    </message>
    <message>
        <source>Changed path ({0})</source>
        <translation>Изменённый путь ({0})</translation>
    </message>
</context>
<context>
    <name>RealMessagePanel</name>
    <message>
        <source>Send a real message (sendMessage)</source>
        <translation>Отправить настоящее сообщение (sendMessage)</translation>
    </message>
    <message>
        <source>Chat to send to</source>
        <translation>Чат, куда отправить</translation>
    </message>
    <message>
        <source>Green Console test message</source>
        <translation>Тестовое сообщение Green Console</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>Текст сообщения</translation>
    </message>
    <message>
        <source>Send real message…</source>
        <translation>Отправить настоящее сообщение…</translation>
    </message>
    <message>
        <source>Notification</source>
        <translation>Уведомление</translation>
    </message>
    <message>
        <source>Reached the console after</source>
        <translation>Дошло до консоли через</translation>
    </message>
    <message>
        <source>Notifications of the sent message</source>
        <translation>Уведомления об отправленном сообщении</translation>
    </message>
    <message>
        <source>Chat:</source>
        <translation>Чат:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Текст:</translation>
    </message>
    <message>
        <source>Fill in the connection form first.</source>
        <translation>Сначала заполните форму подключения.</translation>
    </message>
    <message>
        <source>Chat: expected a chat id such as 79001234567@c.us or a group's @g.us id</source>
        <translation>Чат: нужен идентификатор чата вида 79001234567@c.us или группы …@g.us</translation>
    </message>
    <message>
        <source>Text: write the message to send</source>
        <translation>Текст: напишите сообщение для отправки</translation>
    </message>
    <message>
        <source>Send a real message</source>
        <translation>Отправка настоящего сообщения</translation>
    </message>
    <message>
        <source>Send this message from instance {0} to {1}?

{2}

It is a real WhatsApp message: the chat receives it, and it counts against the account's limits.</source>
        <translation>Отправить это сообщение с инстанса {0} в {1}?

{2}

Это настоящее сообщение WhatsApp: чат его получит, и оно учитывается в лимитах аккаунта.</translation>
    </message>
    <message>
        <source>Not sent: {0}</source>
        <translation>Не отправлено: {0}</translation>
    </message>
    <message>
        <source>Sent to {0}: idMessage {1}.</source>
        <translation>Отправлено в {0}: idMessage {1}.</translation>
    </message>
    <message>
        <source>Its notifications appear here as they reach the console.</source>
        <translation>Уведомления о нём появятся здесь, когда дойдут до консоли.</translation>
    </message>
    <message>
        <source>The tab is not polling: Start it to see its notifications (each is timed when it reaches the console).</source>
        <translation>Вкладка не получает уведомления: нажмите «Старт», чтобы увидеть уведомления о сообщении (время каждого считается по его приходу в консоль).</translation>
    </message>
    <message>
        <source>{0:.2f} s</source>
        <translation>{0:.2f} с</translation>
    </message>
</context>
<context>
    <name>ReceiveSession</name>
    <message>
        <source>not deleted: not the queue's head now — deleted already, or gone with a server restart (its receipt id may name another notification by now)</source>
        <translation>не удалено: это уже не первое уведомление в очереди — удалено раньше или пропало при перезапуске сервера (его идентификатор доставки может теперь принадлежать другому уведомлению)</translation>
    </message>
</context>
<context>
    <name>Reconcile</name>
    <message>
        <source>incoming</source>
        <translation>входящее</translation>
    </message>
    <message>
        <source>outgoing</source>
        <translation>исходящее</translation>
    </message>
    <message>
        <source>{direction} message {id} in {chat} at {at}{text}: in the server's journal, but no notification brought it</source>
        <translation>{direction} сообщение {id} в чате {chat} в {at}{text}: есть в журнале сервера, но уведомления о нём не было</translation>
    </message>
    <message>
        <source>{direction} message {id} in {chat} was notified at {at}, but the server's journal does not list it</source>
        <translation>о сообщении ({direction}) {id} в чате {chat} пришло уведомление в {at}, но в журнале сервера его нет</translation>
    </message>
    <message>
        <source>status {status} of message {id} came, the message's own notification did not (green-api/issues #980)</source>
        <translation>пришёл статус {status} сообщения {id}, а уведомление о самом сообщении — нет (green-api/issues #980)</translation>
    </message>
    <message>
        <source>status {status} of message {id} came before the message (green-api/issues #656)</source>
        <translation>статус {status} сообщения {id} пришёл раньше уведомления о самом сообщении (green-api/issues #656)</translation>
    </message>
    <message>
        <source>message {id} to {chat}, sent at {at}, has no delivered or read status after {minutes} min (green-api/issues #976)</source>
        <translation>у сообщения {id} в чат {chat}, отправленного в {at}, за {minutes} мин нет статуса delivered или read (green-api/issues #976)</translation>
    </message>
</context>
<context>
    <name>SandboxPanel</name>
    <message>
        <source>Fault spec</source>
        <translation>Описание сбоев</translation>
    </message>
    <message>
        <source>e.g. receive:500=10%,delete:502=5%</source>
        <translation>например, receive:500=10%,delete:502=5%</translation>
    </message>
    <message>
        <source>METHOD:KIND=P%, comma-separated. Methods: {0}. Kinds: {1}.</source>
        <translation>МЕТОД:ВИД=P% через запятую. Методы: {0}. Виды: {1}.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <source>Flaky (5xx 10%)</source>
        <translation>Нестабильный (5xx 10%)</translation>
    </message>
    <message>
        <source>Rate limited (429 20%)</source>
        <translation>Лимит запросов (429 20%)</translation>
    </message>
    <message>
        <source>Instance starting (400)</source>
        <translation>Инстанс запускается (400)</translation>
    </message>
    <message>
        <source>Not authorized (400)</source>
        <translation>Не авторизован (400)</translation>
    </message>
    <message>
        <source>Quota 466</source>
        <translation>Квота 466</translation>
    </message>
    <message>
        <source>Faults: {0}</source>
        <translation>Сбои: {0}</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Без сбоев</translation>
    </message>
    <message>
        <source>No faults, no latency, no rate limits</source>
        <translation>Без сбоев, задержки и лимитов</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Задержка</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> мс</translation>
    </message>
    <message>
        <source>Added to every answer of the sandbox</source>
        <translation>Добавляется к каждому ответу песочницы</translation>
    </message>
    <message>
        <source>Lose this share of notifications while their messages stay in the journals (green-api/issues #1118): what greenconsole reconcile finds</source>
        <translation>Терять такую долю уведомлений, оставляя сами сообщения в журналах (green-api/issues #1118): это находит greenconsole reconcile</translation>
    </message>
    <message>
        <source>Notifications lost</source>
        <translation>Потерянные уведомления</translation>
    </message>
    <message>
        <source>The state of this tab's sandbox instance; a change sends stateInstanceChanged</source>
        <translation>Состояние инстанса этой вкладки в песочнице; при изменении отправляется stateInstanceChanged</translation>
    </message>
    <message>
        <source>Instance state</source>
        <translation>Состояние инстанса</translation>
    </message>
    <message>
        <source>GREEN-API rate limits</source>
        <translation>Лимиты GREEN-API</translation>
    </message>
    <message>
        <source>Answer 429 over GREEN-API's limits per instance: {0}</source>
        <translation>Отвечать 429 сверх лимитов GREEN-API на инстанс: {0}</translation>
    </message>
    <message>
        <source>Faults:</source>
        <translation>Сбои:</translation>
    </message>
    <message>
        <source>Latency:</source>
        <translation>Задержка:</translation>
    </message>
    <message>
        <source>Lose:</source>
        <translation>Терять:</translation>
    </message>
    <message>
        <source>This tab's instance:</source>
        <translation>Инстанс этой вкладки:</translation>
    </message>
    <message>
        <source>One sandbox serves the whole window: this applies to every tab.</source>
        <translation>Одна песочница обслуживает всё окно: это действует во всех вкладках.</translation>
    </message>
    <message>
        <source>The local sandbox is not running; a change here starts it.</source>
        <translation>Локальная песочница не запущена; изменение здесь запустит её.</translation>
    </message>
    <message>
        <source>faults: {0}</source>
        <translation>сбои: {0}</translation>
    </message>
    <message>
        <source>latency {0:.0f} ms</source>
        <translation>задержка {0:.0f} мс</translation>
    </message>
    <message>
        <source>rate limits on</source>
        <translation>лимиты включены</translation>
    </message>
    <message>
        <source>{0:g} % of notifications lost</source>
        <translation>теряется {0:g} % уведомлений</translation>
    </message>
    <message>
        <source>behaving normally</source>
        <translation>работает штатно</translation>
    </message>
    <message>
        <source>Sandbox ⚠</source>
        <translation>Песочница ⚠</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Песочница</translation>
    </message>
    <message>
        <source>Now: {0}</source>
        <translation>Сейчас: {0}</translation>
    </message>
</context>
<context>
    <name>SavedFiltersButton</name>
    <message>
        <source>Saved</source>
        <translation>Фильтры</translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation>Сохранённые фильтры</translation>
    </message>
    <message>
        <source>Save the filter under a name, apply or delete a saved one</source>
        <translation>Сохранить фильтр под именем, применить или удалить сохранённый</translation>
    </message>
    <message>
        <source>Save current filter…</source>
        <translation>Сохранить текущий фильтр…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation>Сохранение фильтра</translation>
    </message>
    <message>
        <source>Name of the filter:</source>
        <translation>Имя фильтра:</translation>
    </message>
    <message>
        <source>filter not saved: it holds the instance's token</source>
        <translation>фильтр не сохранён: в нём есть токен инстанса</translation>
    </message>
</context>
<context>
    <name>ShapeMarks</name>
    <message>
        <source>Differs from GREEN-API's documented shape ({0}):</source>
        <translation>Отличается от формата, описанного в документации GREEN-API ({0}):</translation>
    </message>
    <message>
        <source>A kind GREEN-API does not document (shown as is, not an error):</source>
        <translation>Тип, которого нет в документации GREEN-API (показан как есть, это не ошибка):</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;New connection tab</source>
        <translation>&amp;Новая вкладка подключения</translation>
    </message>
    <message>
        <source>&amp;Close connection tab</source>
        <translation>&amp;Закрыть вкладку подключения</translation>
    </message>
    <message>
        <source>&amp;Save profile…</source>
        <translation>Со&amp;хранить профиль…</translation>
    </message>
    <message>
        <source>&amp;Delete profile</source>
        <translation>&amp;Удалить профиль</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Импорт…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Экспорт</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>Copy &amp;value</source>
        <translation>Копировать &amp;значение</translation>
    </message>
    <message>
        <source>Copy JSON &amp;path</source>
        <translation>Копировать &amp;путь JSON</translation>
    </message>
    <message>
        <source>Copy whole &amp;JSON</source>
        <translation>Копировать весь &amp;JSON</translation>
    </message>
    <message>
        <source>&amp;Find in the notification</source>
        <translation>&amp;Найти в уведомлении</translation>
    </message>
    <message>
        <source>F&amp;ilter the feed</source>
        <translation>&amp;Фильтр ленты</translation>
    </message>
    <message>
        <source>&amp;Delete selected notifications</source>
        <translation>&amp;Удалить выбранные уведомления</translation>
    </message>
    <message>
        <source>&amp;Retry failed deletes</source>
        <translation>&amp;Повторить неудавшиеся удаления</translation>
    </message>
    <message>
        <source>&amp;Skip the held notification for now</source>
        <translation>Пр&amp;опустить удерживаемое уведомление</translation>
    </message>
    <message>
        <source>C&amp;ompare selected</source>
        <translation>&amp;Сравнить выбранные</translation>
    </message>
    <message>
        <source>Compare with the previous of its &amp;chat</source>
        <translation>Сравнить с предыдущим в &amp;чате</translation>
    </message>
    <message>
        <source>&amp;Edit and resend…</source>
        <translation>Изменить и о&amp;тправить снова…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Connection fields</source>
        <translation>&amp;Поля подключения</translation>
    </message>
    <message>
        <source>&amp;Group statuses</source>
        <translation>&amp;Группировать статусы</translation>
    </message>
    <message>
        <source>Show &amp;invisibles</source>
        <translation>Показывать &amp;невидимые символы</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>Режим &amp;презентации</translation>
    </message>
    <message>
        <source>Feed co&amp;lumns</source>
        <translation>Столбцы &amp;ленты</translation>
    </message>
    <message>
        <source>&amp;Next connection tab</source>
        <translation>&amp;Следующая вкладка подключения</translation>
    </message>
    <message>
        <source>P&amp;revious connection tab</source>
        <translation>П&amp;редыдущая вкладка подключения</translation>
    </message>
    <message>
        <source>&amp;Back to live</source>
        <translation>&amp;Вернуться к живой ленте</translation>
    </message>
    <message>
        <source>&amp;Inspector</source>
        <translation>&amp;Инспектор</translation>
    </message>
    <message>
        <source>Co&amp;mposer</source>
        <translation>&amp;Конструктор</translation>
    </message>
    <message>
        <source>&amp;Queue health</source>
        <translation>&amp;Состояние очереди</translation>
    </message>
    <message>
        <source>&amp;Doctor</source>
        <translation>&amp;Диагностика</translation>
    </message>
    <message>
        <source>&amp;Sandbox</source>
        <translation>&amp;Песочница</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Очередь</translation>
    </message>
    <message>
        <source>&amp;Start or stop polling</source>
        <translation>&amp;Начать или остановить опрос</translation>
    </message>
    <message>
        <source>&amp;Retry now</source>
        <translation>&amp;Повторить сейчас</translation>
    </message>
    <message>
        <source>Use the local s&amp;andbox</source>
        <translation>&amp;Локальная песочница</translation>
    </message>
    <message>
        <source>Refresh queue &amp;depth</source>
        <translation>Обновить &amp;глубину очереди</translation>
    </message>
    <message>
        <source>&amp;Clear queue…</source>
        <translation>&amp;Очистить очередь…</translation>
    </message>
    <message>
        <source>Load &amp;older captures</source>
        <translation>Загрузить &amp;более ранние записи</translation>
    </message>
    <message>
        <source>Clear &amp;history…</source>
        <translation>Очистить &amp;историю…</translation>
    </message>
    <message>
        <source>Re&amp;play selected</source>
        <translation>&amp;Воспроизвести выбранные</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Инструменты</translation>
    </message>
    <message>
        <source>&amp;Send the composer's notification</source>
        <translation>&amp;Отправить уведомление из конструктора</translation>
    </message>
    <message>
        <source>Send ×&amp;N</source>
        <translation>Отправить ×&amp;N</translation>
    </message>
    <message>
        <source>Send &amp;probe</source>
        <translation>Отправить &amp;пробу</translation>
    </message>
    <message>
        <source>Send s&amp;cenario</source>
        <translation>Отправить &amp;сценарий</translation>
    </message>
    <message>
        <source>Run the &amp;doctor</source>
        <translation>Запустить &amp;диагностику</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Сочетания клавиш</translation>
    </message>
    <message>
        <source>&amp;About Green Console</source>
        <translation>&amp;О программе Green Console</translation>
    </message>
    <message>
        <source>&amp;Stop polling</source>
        <translation>&amp;Остановить опрос</translation>
    </message>
    <message>
        <source>&amp;Start polling</source>
        <translation>&amp;Начать опрос</translation>
    </message>
    <message>
        <source>Delete</source>
        <comment>the key</comment>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Delete the selected notifications (in the feed)</source>
        <translation>Удалить выбранные уведомления (в ленте)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <source>About Green Console</source>
        <translation>О программе Green Console</translation>
    </message>
    <message>
        <source>Green Console: a debugging console for the GREEN-API incoming notification queue, with a local sandbox.</source>
        <translation>Green Console — отладочная консоль очереди входящих уведомлений GREEN-API с локальной песочницей.</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>the instance is starting: up to 5 minutes after a start or a settings change</source>
        <translation>инстанс запускается: до 5 минут после запуска или изменения настроек</translation>
    </message>
    <message>
        <source>GREEN-API says this for a while after an instance is created (green-api/issues #197); if it lasts, check the instance's payment in the GREEN-API console</source>
        <translation>GREEN-API отвечает так некоторое время после создания инстанса (green-api/issues #197); если это не проходит, проверьте оплату инстанса в личном кабинете GREEN-API</translation>
    </message>
    <message>
        <source>no phone is linked: scan the QR code in the GREEN-API console</source>
        <translation>телефон не привязан: отсканируйте QR-код в личном кабинете GREEN-API</translation>
    </message>
    <message>
        <source>HTTP {status} where a JSON answer was expected: is {url} a GREEN-API host?</source>
        <translation>HTTP {status} вместо ответа в JSON: {url} — точно адрес GREEN-API?</translation>
    </message>
    <message>
        <source>HTTP {status}: the API URL answers with a redirect (wrong API URL?)</source>
        <translation>HTTP {status}: адрес API отвечает перенаправлением (неверный адрес API?)</translation>
    </message>
    <message>
        <source>HTTP {status}: the API URL redirects to {location} (wrong API URL?)</source>
        <translation>HTTP {status}: адрес API перенаправляет на {location} (неверный адрес API?)</translation>
    </message>
    <message>
        <source>{detail} (wrong apiTokenInstance?)</source>
        <translation>{detail} (неверный apiTokenInstance?)</translation>
    </message>
    <message>
        <source>{detail} (wrong idInstance, or the instance is not authorised?)</source>
        <translation>{detail} (неверный idInstance или инстанс не авторизован?)</translation>
    </message>
    <message>
        <source>{detail} (wrong API URL or method?)</source>
        <translation>{detail} (неверный адрес API или метод?)</translation>
    </message>
    <message>
        <source>{detail} (quota exceeded)</source>
        <translation>{detail} (квота исчерпана)</translation>
    </message>
    <message>
        <source>answer is not JSON ({detail})</source>
        <translation>ответ не в формате JSON ({detail})</translation>
    </message>
    <message>
        <source>answer is not a JSON object</source>
        <translation>ответ — не объект JSON</translation>
    </message>
    <message>
        <source>no complete answer within {seconds} s</source>
        <translation>нет полного ответа за {seconds} с</translation>
    </message>
    <message>
        <source>timed out ({kind})</source>
        <translation>истекло время ожидания ({kind})</translation>
    </message>
    <message>
        <source>the TLS certificate of {host} is not trusted ({problem})</source>
        <translation>TLS-сертификат {host} не заслуживает доверия ({problem})</translation>
    </message>
    <message>
        <source>network error: {detail}</source>
        <translation>ошибка сети: {detail}</translation>
    </message>
    <message>
        <source>answer cannot be decoded ({detail})</source>
        <translation>ответ не удаётся распаковать ({detail})</translation>
    </message>
</context>
<context>
    <name>scenarios</name>
    <message>
        <source>an API message and its statuses: sent +1 s → delivered +3 s → read +27 s</source>
        <translation>сообщение из API и его статусы: sent +1 с → delivered +3 с → read +27 с</translation>
    </message>
    <message>
        <source>an API message that fails: status failed with a description</source>
        <translation>сообщение из API не доставлено: статус failed с описанием</translation>
    </message>
    <message>
        <source>an API message to a number without WhatsApp: status noAccount</source>
        <translation>сообщение из API на номер без WhatsApp: статус noAccount</translation>
    </message>
    <message>
        <source>the sent status reaches the queue before its message (green-api/issues #656)</source>
        <translation>статус sent попадает в очередь раньше своего сообщения (green-api/issues #656)</translation>
    </message>
    <message>
        <source>an API message read without a delivered status (green-api/issues #976)</source>
        <translation>сообщение из API прочитано без статуса delivered (green-api/issues #976)</translation>
    </message>
    <message>
        <source>statuses of a message that never comes (green-api/issues #980)</source>
        <translation>статусы сообщения, уведомление о котором так и не приходит (green-api/issues #980)</translation>
    </message>
    <message>
        <source>an incoming message, then a reply, an edit, a reaction and a deletion of it (stanzaId = its idMessage)</source>
        <translation>входящее сообщение, затем ответ на него, его изменение, реакция и удаление (stanzaId = его idMessage)</translation>
    </message>
    <message>
        <source>an incoming call: offer, then missed 30 s later (one idMessage)</source>
        <translation>входящий звонок: offer, через 30 с missed (один idMessage)</translation>
    </message>
    <message>
        <source>an instance linked again: notAuthorized → starting → authorized</source>
        <translation>инстанс авторизуется заново: notAuthorized → starting → authorized</translation>
    </message>
</context>
<context>
    <name>session_state</name>
    <message>
        <source>holding receipt {0} — delete it to continue</source>
        <translation>удерживается уведомление с идентификатором доставки {0} — удалите его, чтобы продолжить</translation>
    </message>
    <message>
        <source>backing off {0} s — {1}</source>
        <translation>пауза {0} с — {1}</translation>
    </message>
    <message>
        <source>stopped: HTTP {0} — check {1}</source>
        <translation>остановлено: HTTP {0} — проверьте {1}</translation>
    </message>
    <message>
        <source>stopped: {0}</source>
        <translation>остановлено: {0}</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>остановлено</translation>
    </message>
    <message>
        <source>skipped receipt {0}; it stays at the head</source>
        <translation>уведомление с идентификатором доставки {0} пропущено; оно остаётся первым в очереди</translation>
    </message>
    <message>
        <source>polling one request at a time (the server answers with the notification being deleted)</source>
        <translation>опрос по одному запросу (сервер возвращает уведомление, которое удаляется)</translation>
    </message>
    <message>
        <source>polling</source>
        <translation>опрос</translation>
    </message>
</context>
<context>
    <name>state_icons</name>
    <message>
        <source>stopped</source>
        <translation>остановлено</translation>
    </message>
    <message>
        <source>polling</source>
        <translation>опрос</translation>
    </message>
    <message>
        <source>holding a notification</source>
        <translation>уведомление удерживается</translation>
    </message>
    <message>
        <source>waiting to retry</source>
        <translation>ожидание повтора</translation>
    </message>
    <message>
        <source>stopped by an error</source>
        <translation>остановлено из-за ошибки</translation>
    </message>
</context>
</TS>
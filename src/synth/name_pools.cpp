#include "synth/name_pools.hpp"

namespace ofpra::synth {
namespace {

// "Latin|native|variant,variant" -> NameForm. Compact tables keep the data readable.
std::vector<NameForm> forms(std::initializer_list<std::string_view> rows) {
  std::vector<NameForm> out;
  for (auto row : rows) {
    NameForm f;
    auto bar1 = row.find('|');
    auto bar2 = row.find('|', bar1 + 1);
    f.latin = std::string(row.substr(0, bar1));
    f.native = std::string(row.substr(bar1 + 1, bar2 - bar1 - 1));
    auto rest = row.substr(bar2 + 1);
    while (!rest.empty()) {
      auto comma = rest.find(',');
      f.variants.emplace_back(rest.substr(0, comma));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<CountryPool> build() {
  std::vector<CountryPool> pools;
  pools.push_back({"99212",
                   "Afghanistan",
                   "Arab",
                   "prs",
                   SurnameRule::family,
                   0.22,
                   forms({"Mohammad|محمد|Muhammad,Mohamad,Mohammed,Mouhamad", "Ahmad|احمد|Ahmed,Ahmat",
                          "Mohammad Reza|محمدرضا|Mohamad Reza,Mohammadreza",
                          "Abdul Rahman|عبدالرحمن|Abdulrahman,Abdurahman,Abdel Rahman", "Ali|علی|Aly",
                          "Hamid|حمید|Hameed", "Jawad|جواد|Javad,Djawad", "Mustafa|مصطفی|Mostafa,Moustafa",
                          "Naweed|نوید|Navid,Nawid", "Sayed|سید|Said,Seyed,Sayyed", "Farid|فرید|Fareed",
                          "Rahmatullah|رحمت‌الله|Rahmatulla,Rahmat Ullah",
                          "Zabihullah|ذبیح‌الله|Zabiullah,Zabihulla", "Hussain|حسین|Hussein,Hosseini,Hossein",
                          "Omid|امید|Omeed"}),
                   forms({"Fatima|فاطمه|Fatema,Fatimah,Fatemeh", "Maryam|مریم|Mariam,Meryam", "Zahra|زهرا|Zahraa,Sahra",
                          "Shabnam|شبنم|Chabnam", "Nargis|نرگس|Narges,Nargess", "Parwana|پروانه|Parvaneh,Parwane",
                          "Sakina|سکینه|Sakineh,Sakinah", "Mahbooba|محبوبه|Mahbouba,Mahbubeh",
                          "Freshta|فرشته|Fereshteh,Frishta", "Hadia|هدیه|Hadiya,Hadiye"}),
                   forms({"AHMADI|احمدی|AHMADY,AHMEDI", "HUSSAINI|حسینی|HOSSEINI,HUSSEINI,HOSAINI",
                          "MOHAMMADI|محمدی|MOHAMADI,MUHAMMADI", "RAHIMI|رحیمی|RAHEEMI", "KARIMI|کریمی|KAREEMI",
                          "NOORI|نوری|NOURI,NURI", "HAIDARI|حیدری|HAIDERY,HEIDARI", "SAFI|صافی|SAFFI",
                          "STANIKZAI|ستانکزی|STANEKZAI,STANAKZAI", "WARDAK|وردک|WARDAG", "POPAL|پوپل|POPALZAI",
                          "AZIMI|عظیمی|AZEEMI", "SULTANI|سلطانی|SOLTANI", "JAFARI|جعفری|DJAFARI,JAAFARI",
                          "RASULI|رسولی|RASOULI,RASOOLI"}),
                   {"Kaboul", "Herat", "Mazar-e Charif", "Kandahar", "Ghazni", "Jalalabad", "Kunduz"}});
  pools.push_back(
      {"99206",
       "Syrie",
       "Arab",
       "ar",
       SurnameRule::family,
       0.12,
       forms({"Mohamed|محمد|Mohammad,Muhammad,Mouhamed,Mohammed", "Ahmad|أحمد|Ahmed,Ahmet",
              "Abdelkader|عبد القادر|Abd al-Qadir,Abdulkadir,Abdul Kader,Abdelkadir", "Khaled|خالد|Khalid,Haled",
              "Omar|عمر|Umar,Omer", "Youssef|يوسف|Yusuf,Yousef,Youcef", "Hassan|حسن|Hasan,Hassen",
              "Mahmoud|محمود|Mahmud,Mahmood", "Ibrahim|إبراهيم|Ebrahim,Brahim",
              "Abdallah|عبد الله|Abdullah,Abdulla,Abd Allah"}),
       forms({"Fatima|فاطمة|Fatma,Fatimah", "Aya|آية|Aya,Ayah", "Rana|رنا|Ranaa", "Lina|لينا|Leena",
              "Nour|نور|Nur,Noor", "Hiba|هبة|Heba", "Rasha|رشا|Racha", "Amal|أمل|Amel", "Yasmine|ياسمين|Yasmin,Jasmine",
              "Souad|سعاد|Suad,Soad"}),
       forms({"AL HASSAN|الحسن|AL-HASSAN,ALHASSAN,EL HASSAN", "KHALIL|خليل|KHALIL,HALIL",
              "AL AHMAD|الأحمد|AL-AHMAD,ALAHMAD", "HAMADEH|حمادة|HAMADE,HAMADA", "AL ALI|العلي|AL-ALI,ALALI",
              "SALEH|صالح|SALAH,SALIH", "HADDAD|حداد|HADAD", "AL SHEIKH|الشيخ|AL-CHEIKH,ELSHEIKH,ASH SHAYKH",
              "NASSER|ناصر|NASER,NASSAR", "DARWICH|درويش|DARWISH,DERVIS"}),
       {"Alep", "Damas", "Homs", "Idleb", "Deir ez-Zor", "Raqqa", "Hama"}});
  pools.push_back({"99343",
                   "Soudan",
                   "Arab",
                   "ar",
                   SurnameRule::patronymic,
                   0.10,
                   forms({"Mohamed|محمد|Mohammed,Muhammad,Mohamad", "Adam|آدم|Adem", "Abakar|أبكر|Abbakar,Abaker",
                          "Ismail|إسماعيل|Ismael,Esmail", "Yahya|يحيى|Yahia,Yehia", "Musa|موسى|Moussa,Mousa",
                          "Abdelrahman|عبد الرحمن|Abdulrahman,Abdel Rahman,Abderrahmane", "Osman|عثمان|Othman,Usman",
                          "Haroun|هارون|Harun,Haron", "Suleiman|سليمان|Sulayman,Souleymane,Slimane"}),
                   forms({"Fatima|فاطمة|Fatma,Fatuma", "Halima|حليمة|Haleema", "Khadija|خديجة|Khadidja,Kadija",
                          "Hawa|حواء|Hawaa,Haoua", "Amna|آمنة|Amina,Aamna", "Mariam|مريم|Maryam,Meriem",
                          "Zeinab|زينب|Zainab,Zaynab"}),
                   forms({"ADAM|آدم|ADEM", "ABDALLAH|عبد الله|ABDULLAH,ABDULLA", "ISHAG|إسحاق|ISHAQ,ISHAK,ISSAK",
                          "YAGOUB|يعقوب|YAGOB,YACOUB,YAQUB", "HAMID|حامد|HAMED", "DAOUD|داود|DAUD,DAWOOD",
                          "ABAKAR|أبكر|ABBAKAR", "OMER|عمر|OMAR,UMAR"}),
                   {"El Geneina", "Nyala", "El Fasher", "Khartoum", "Zalingei", "Kadugli"}});
  pools.push_back(
      {"99317",
       "Erythree",
       "Ethi",
       "ti",
       SurnameRule::patronymic,
       0.08,
       forms({"Tesfay|ተስፋይ|Tesfaye,Tesfai,Tesfa", "Tsehaye|ጸሃየ|Tsehay,Sehaye,Tsehaie",
              "Yonas|ዮናስ|Yohannes,Jonas,Younas", "Mehari|መሓሪ|Mhari,Mehary", "Berhane|ብርሃነ|Birhane,Berhan,Brhane",
              "Ghebremedhin|ገብረመድህን|Gebremedhin,Ghebre Medhin", "Habte|ሃብተ|Habtay,Hapte", "Kidane|ኪዳነ|Kidana,Kidan",
              "Filmon|ፊልሞን|Philemon,Filemon", "Samuel|ሳሙኤል|Samiel,Samueal"}),
       forms({"Selam|ሰላም|Salam,Selamawit", "Helen|ሄለን|Hellen,Elen", "Senait|ሰናይት|Senayt,Sennait",
              "Mebrat|መብራት|Mibrat,Mebrahtu", "Lidia|ሊድያ|Lydia,Lidya", "Saba|ሳባ|Sabaa",
              "Yordanos|ዮርዳኖስ|Yordanose,Jordanos", "Feven|ፌቨን|Fiven,Feben"}),
       forms({"TESFAMARIAM|ተስፋማርያም|TESFA MARIAM,TESFAMARYAM", "GEBREMESKEL|ገብረመስቀል|GHEBREMESKEL,GEBRE MESKEL",
              "WELDEMICHAEL|ወልደሚካኤል|WOLDEMICHAEL,WELDE MICHAEL", "HAILE|ሃይለ|HAILLE,HAYLE", "TEKLE|ተኽለ|TEKLEH,TEKLAY",
              "ABRAHA|ኣብርሃ|ABREHA,ABRHA", "NEGASH|ነጋሽ|NEGASSI,NEGASSH", "KIFLOM|ክፍሎም|KIFLEMARIAM,KIFLU"}),
       {"Asmara", "Keren", "Mendefera", "Adi Keyh", "Dekemhare", "Massawa"}});
  pools.push_back(
      {"99330",
       "Guinee",
       "",
       "fr",
       SurnameRule::family,
       0.08,
       forms({"Mamadou||Mamadu,Mamado,Mamoudou", "Alpha Oumar||Alfa Oumar,Alpha Umar,Alphaoumar",
              "Ibrahima||Ibrahim,Ibrahimah,Brahima", "Amadou||Ahmadou,Amadu", "Ousmane||Usman,Ousman,Othmane",
              "Souleymane||Suleiman,Souleimane,Sulayman", "Thierno||Tierno,Cherno", "Sekou||Sékou,Sekouba"}),
       forms({"Mariama||Mariam,Mariame", "Fatoumata||Fatumata,Fatoumatta,Fatou", "Kadiatou||Khadiatou,Kadiatu,Hadiatou",
              "Aissatou||Aïssatou,Aysatou,Aissata", "Hawa||Awa,Haoua", "Fanta||Fantah"}),
       forms({"DIALLO||DYALLO,JALLOH", "BAH||BA,BAAH", "BARRY||BARRIE,BARI", "SOW||SO,SOWE", "CAMARA||KAMARA",
              "KEITA||KEÏTA,KEITTA", "CONDE||CONDÉ,KONDE", "TOURE||TOURÉ,TURE", "SYLLA||SILLA,SILA",
              "SOUMAH||SOUMA,SUMAH"}),
       {"Conakry", "Labé", "Kankan", "Nzérékoré", "Kindia", "Mamou"}});
  pools.push_back(
      {"99326",
       "Cote d'Ivoire",
       "",
       "fr",
       SurnameRule::family,
       0.06,
       forms({"Kouassi||Kwasi,Kouasi", "Yao||Yaw,Yahou", "Koffi||Kofi,Kofie", "Moussa||Musa,Mousa",
              "Adama||Adam,Adamah", "Jean-Baptiste||Jean Baptiste,Jean-Batiste"}),
       forms({"Aya||Ayah", "Affoué||Affoue,Afoue", "Adjoua||Adjowa,Ajoua", "Mariam||Mariame,Maryam", "Awa||Hawa,Aoua"}),
       forms({"KOUAME||KOUAMÉ,KWAME", "KONAN||KONNAN", "OUATTARA||OUATARA,WATTARA", "TRAORE||TRAORÉ,TRAWRE",
              "COULIBALY||KOULIBALY,COULIBALI", "N'GUESSAN||NGUESSAN,N GUESSAN"}),
       {"Abidjan", "Bouaké", "Daloa", "Korhogo", "Man"}});
  pools.push_back({"99246",
                   "Bangladesh",
                   "Beng",
                   "bn",
                   SurnameRule::family,
                   0.06,
                   forms({"Mohammed|মোহাম্মদ|Mohammad,Muhammad,Md", "Abdul Karim|আব্দুল করিম|Abdulkarim,Abdul Kareem",
                          "Rahim|রহিম|Raheem", "Shahid|শহীদ|Shaheed,Sahid", "Jahangir|জাহাঙ্গীর|Jahangeer,Jahangir Alam",
                          "Rafiqul|রফিকুল|Rafiqul Islam,Rafikul"}),
                   forms({"Nasrin|নাসরিন|Nasreen,Nasrine", "Shirin|শিরিন|Shireen", "Rokeya|রোকেয়া|Rokeia,Rokhaya",
                          "Taslima|তাসলিমা|Taslimah,Taslema"}),
                   forms({"HOSSAIN|হোসেন|HOSSEN,HUSSAIN,HOSEN", "RAHMAN|রহমান|RAHAMAN,REHMAN", "ISLAM|ইসলাম|ISLAME",
                          "UDDIN|উদ্দিন|UDDEEN,UDIN", "AHMED|আহমেদ|AHMAD,AHAMED", "MIAH|মিয়া|MIA,MIYA"}),
                   {"Dhaka", "Sylhet", "Chittagong", "Comilla", "Noakhali"}});
  pools.push_back({"99208",
                   "Turquie",
                   "",
                   "tr",
                   SurnameRule::family,
                   0.06,
                   forms({"Mehmet||Mehmed,Mehmat", "Mustafa||Moustafa,Mostafa", "Ahmet||Ahmed,Ahmad",
                          "Hüseyin||Huseyin,Husseyin,Hussein", "Ibrahim||İbrahim,Ibrahime", "Murat||Mourat,Murad",
                          "Serdar||Serdare"}),
                   forms({"Ayşe||Ayse,Aiche,Aysa", "Fatma||Fatima,Fadime", "Zeynep||Zeinep,Zainab",
                          "Emine||Emina,Amina", "Hatice||Hatidje,Khadija"}),
                   forms({"YILMAZ||YILMAS,YLMAZ", "KAYA||KAYAH", "DEMIR||DEMİR,DEMIRE", "ÇELIK||CELIK,TCHELIK",
                          "ŞAHIN||SAHIN,CHAHIN", "DOĞAN||DOGAN,DOAN", "AYDIN||AIDIN", "ÖZTÜRK||OZTURK,OEZTUERK"}),
                   {"Diyarbakır", "Istanbul", "Van", "Mardin", "Şanlıurfa", "Batman"}});
  pools.push_back(
      {"99123",
       "Russie",
       "Cyrl",
       "ru",
       SurnameRule::family,
       0.07,
       forms({"Aleksandr|Александр|Alexandre,Alexander,Oleksandr,Aleksander",
              "Magomed|Магомед|Mohammed,Magomet,Mahomed", "Ramzan|Рамзан|Ramzane,Ramsan", "Islam|Ислам|Islame",
              "Adam|Адам|Adame", "Rustam|Рустам|Roustam,Rustem", "Aslan|Аслан|Aslane",
              "Dmitri|Дмитрий|Dmitry,Dmitrii,Dimitri"}),
       forms({"Madina|Мадина|Medina,Madinah", "Khava|Хава|Hava,Chava", "Zarema|Зарема|Sarema",
              "Elina|Элина|Ellina,Alina", "Tatiana|Татьяна|Tatyana,Tatjana,Tetiana", "Louiza|Луиза|Luiza,Luisa"}),
       forms({"KADYROV|Кадыров|KADIROV,KADYROFF", "MAGOMEDOV|Магомедов|MAHOMEDOV,MAGOMEDOW",
              "ISMAILOV|Исмаилов|ISMAYLOV,ISMAILOFF", "UMAROV|Умаров|OUMAROV,UMAROW", "DUDAEV|Дудаев|DOUDAEV,DUDAYEV",
              "IVANOV|Иванов|IWANOW,IVANOFF", "BASAEV|Басаев|BASAYEV,BASSAEV", "TSAREV|Царёв|TSAREW,ZAREV"}),
       {"Grozny", "Goudermes", "Moscou", "Argoun", "Makhatchkala", "Nazran"}});
  pools.push_back({"99312",
                   "Congo (RD)",
                   "",
                   "fr",
                   SurnameRule::family,
                   0.05,
                   forms({"Jean-Pierre||Jean Pierre,Jean-Piere", "Patrick||Patric", "Christian||Kristian",
                          "Emmanuel||Emanuel,Imanuel", "Joseph||Josef"}),
                   forms({"Grace||Grâce", "Esther||Ester", "Chantal||Chantale", "Nadège||Nadege", "Mireille||Mireile"}),
                   forms({"MUKENDI||MUKENDY,MOUKENDI", "KABILA||KABILLA", "TSHIMANGA||TCHIMANGA,TSHIMANGHA",
                          "MBUYI||MBUYE,M'BUYI", "KALONJI||KALONDJI,KALOMBO", "ILUNGA||ILLUNGA"}),
                   {"Kinshasa", "Goma", "Bukavu", "Lubumbashi", "Kisangani"}});
  pools.push_back(
      {"99318",
       "Somalie",
       "",
       "so",
       SurnameRule::patronymic,
       0.05,
       forms({"Abdirahman||Abdurahman,Abdulrahman,Abdi Rahman", "Mohamed||Maxamed,Mohammed,Muhamed",
              "Abdullahi||Abdallah,Abdulahi", "Hassan||Xasan,Hasan", "Ahmed||Axmed,Ahmad", "Yusuf||Yussuf,Yousuf"}),
       forms({"Fadumo||Fatima,Faduma", "Hodan||Hodon", "Asha||Aisha,Aysha", "Halimo||Halima", "Sahra||Zahra,Sahro"}),
       forms({"WARSAME||WARSAMEH,WARSAMA", "FARAH||FAARAX,FARRAH", "ALI||CALI,ALY", "HUSSEIN||XUSEEN,HUSSEN",
              "JAMA||JAAMAC,JAMAA"}),
       {"Mogadiscio", "Kismayo", "Baidoa", "Beledweyne"}});
  pools.push_back(
      {"99155",
       "Ukraine",
       "Cyrl",
       "uk",
       SurnameRule::family,
       0.05,
       forms({"Oleksandr|Олександр|Aleksandr,Alexandre,Olexandr,Oleksander", "Andriy|Андрій|Andrii,Andrey,Andrei",
              "Serhiy|Сергій|Sergey,Serhii,Sergii", "Volodymyr|Володимир|Vladimir,Volodimir",
              "Mykola|Микола|Nikolai,Mikola", "Dmytro|Дмитро|Dmitro,Dmitri"}),
       forms({"Olena|Олена|Elena,Olena,Helena", "Iryna|Ірина|Irina,Iryina", "Nataliya|Наталія|Natalia,Natalya",
              "Oksana|Оксана|Oxana", "Tetiana|Тетяна|Tatiana,Tetyana"}),
       forms({"SHEVCHENKO|Шевченко|CHEVTCHENKO,SCHEWTSCHENKO", "KOVALENKO|Коваленко|KOVALENKO,KOWALENKO",
              "BONDARENKO|Бондаренко|BONDARENCO", "TKACHENKO|Ткаченко|TKATCHENKO,TKATSCHENKO",
              "MELNYK|Мельник|MELNIK,MELNICK", "KRAVCHENKO|Кравченко|KRAVTCHENKO"}),
       {"Kharkiv", "Marioupol", "Kyiv", "Donetsk", "Odessa"}});
  return pools;
}

}  // namespace

const std::vector<CountryPool>& country_pools() {
  static const std::vector<CountryPool> pools = build();
  return pools;
}

}  // namespace ofpra::synth
